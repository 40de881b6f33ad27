/**
 * The authorization matrix (STYLE rules 2 and 22): every role × every scoped query and mutation,
 * on a real database. Roles: admin, oversight of 贵州 (520000) and of 贵阳 (520100, which does not
 * contain 盘州 520281), the 盘州 agency user, a user of another agency (南明区), and signed-out.
 */
import { readFileSync } from "node:fs";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { agencyCharts, loadAgencyData } from "../app/_components/charts/agency-charts";
import { loadRegionDashboard, regionDashboardCharts } from "../app/_components/charts/region-dashboard-charts";
import { analyzeDocument } from "../lib/ingest/analyze";
import type { Db } from "./client";
import { AccessDeniedError, systemCtx, type Ctx } from "./context";
import { explainFinding } from "./mutations/finding/explain-finding";
import { acceptReport } from "./mutations/report/accept-report";
import { correctReport } from "./mutations/report/correct-report";
import { ingestReport } from "./mutations/report/ingest-report";
import { returnReport } from "./mutations/report/return-report";
import { submitReport } from "./mutations/report/submit-report";
import { changePassword } from "./mutations/user/change-password";
import { createUser } from "./mutations/user/create-user";
import { disableUser } from "./mutations/user/disable-user";
import { resetPassword } from "./mutations/user/reset-password";
import { findVisibleReport } from "./queries/_scope";
import { getRegion } from "./queries/dashboard/get-region";
import { listHandCorrected } from "./queries/dashboard/list-hand-corrected";
import { countReviewQueue } from "./queries/quality/list-review-queue";
import { getViewer } from "./queries/auth/get-viewer";
import { getReportById } from "./queries/report/get-report-by-id";
import { getSelfReviewPeers } from "./queries/self-review/get-self-review-peers";
import { getSelfReviewReportById } from "./queries/self-review/get-self-review-report";
import { listSelfReviewReports } from "./queries/self-review/list-self-review-reports";
import { listUsers } from "./queries/user/list-users";
import { listAuditLog } from "./queries/audit/list-audit-log";
import { findings, reportFigures, reports, users } from "./schema";
import { ctxFor } from "./test/ctx";
import { deleteDraft } from "./mutations/report/delete-draft";
import { unlockUser } from "./mutations/user/unlock-user";
import { updateUser } from "./mutations/user/update-user";
import { describeEachDb } from "./test/db";
import { createTestAgency, createTestUser } from "./test/factories";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const CARRIED_WRONG = "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |";
const CARRIED_FIXED = "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n4 |";
const CORRECTED = SAMPLE.replace(CARRIED_WRONG, CARRIED_FIXED);

const ROLES = ["admin", "oversight52", "oversight5201", "panzhou", "otherAgency"] as const;
type Role = (typeof ROLES)[number];

interface World {
  db: Db;
  ctx: Record<Role, Ctx>;
  system: Ctx;
  userIds: Record<Role, string>;
  panzhouAgencyId: string;
  publishedId: string;
}

let variant = 0;

/** A new version of the sample (unique bytes), uploaded by `ctx` with `status`. */
async function upload(ctx: Ctx, text: string, status: "draft" | "published" = "draft"): Promise<string> {
  const bytes = new TextEncoder().encode(text + "\n".repeat(++variant));
  const analyzed = await analyzeDocument(bytes, "report.txt");
  const result = await ingestReport({ ctx, input: { bytes, fileName: "report.txt", analyzed, status } });
  if (result.status !== "created") throw new Error(`upload: ${JSON.stringify(result)}`);
  return result.reportId;
}

/** Resolves to "allowed", "denied" (AccessDeniedError) or rethrows anything else. */
async function outcome(run: () => Promise<unknown>): Promise<"allowed" | "denied"> {
  try {
    await run();
    return "allowed";
  } catch (error) {
    if (error instanceof AccessDeniedError) return "denied";
    throw error;
  }
}

function expectMatrix(actual: Record<Role, unknown>, allowed: readonly Role[]) {
  const expected = Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r) ? "allowed" : "denied"]));
  expect(actual).toEqual(expected);
}

async function forEachRole<T>(w: World, run: (ctx: Ctx, role: Role) => Promise<T>): Promise<Record<Role, T>> {
  const out = {} as Record<Role, T>;
  for (const role of ROLES) out[role] = await run(w.ctx[role], role);
  return out;
}

describeEachDb("authorization matrix", (getDb) => {
  let w: World;

  beforeAll(async () => {
    const db = getDb();
    const panzhou = await createTestAgency(db, { name: "盘州市人民政府", nameNorm: "盘州市人民政府", regionCode: "520281" });
    const other = await createTestAgency(db, { regionCode: "520102" });
    const made = {
      admin: await createTestUser(db, { role: "admin" }),
      oversight52: await createTestUser(db, { role: "oversight", regionCode: "520000" }),
      oversight5201: await createTestUser(db, { role: "oversight", regionCode: "520100" }),
      panzhou: await createTestUser(db, { role: "agency", agencyId: panzhou.id }),
      otherAgency: await createTestUser(db, { role: "agency", agencyId: other.id }),
    };
    const ctx = Object.fromEntries(ROLES.map((r) => [r, ctxFor(db, made[r])])) as Record<Role, Ctx>;
    const system = systemCtx("test", db);
    const publishedId = await upload(system, SAMPLE, "published");
    w = {
      db,
      ctx,
      system,
      userIds: Object.fromEntries(ROLES.map((r) => [r, made[r].id])) as Record<Role, string>,
      panzhouAgencyId: panzhou.id,
      publishedId,
    };
  });

  describe("reads", () => {
    it("a published report is a public record for every signed-in role", async () => {
      const seen = await forEachRole(w, async (ctx) => ((await getReportById({ ctx, input: { id: w.publishedId } })) ? "allowed" : "denied"));
      expectMatrix(seen, ROLES);
    });

    it("a draft is visible to admin, 贵州 oversight and 盘州 only (report page and scope helper)", async () => {
      const draftId = await upload(w.ctx.panzhou, SAMPLE);
      const page = await forEachRole(w, async (ctx) => ((await getReportById({ ctx, input: { id: draftId } })) ? "allowed" : "denied"));
      const helper = await forEachRole(w, async (ctx) => ((await findVisibleReport(ctx, draftId)) ? "allowed" : "denied"));
      expectMatrix(page, ["admin", "oversight52", "panzhou"]);
      expectMatrix(helper, ["admin", "oversight52", "panzhou"]);
    });

    it("the self-review view (findings with explanations, history) follows scope, even for a published report", async () => {
      const draftId = await upload(w.ctx.panzhou, SAMPLE);
      for (const id of [draftId, w.publishedId]) {
        const seen = await forEachRole(w, async (ctx) => ((await getSelfReviewReportById({ ctx, input: { reportId: id } })) ? "allowed" : "denied"));
        expectMatrix(seen, ["admin", "oversight52", "panzhou"]);
        const peers = await forEachRole(w, async (ctx) => ((await getSelfReviewPeers({ ctx, input: { reportId: id } })) ? "allowed" : "denied"));
        expectMatrix(peers, ["admin", "oversight52", "panzhou"]);
      }
    });

    it("lists drafts only to those in scope", async () => {
      const draftId = await upload(w.ctx.panzhou, SAMPLE);
      const listed = await forEachRole(w, async (ctx) =>
        (await listSelfReviewReports({ ctx })).some((r) => r.id === draftId) ? "allowed" : "denied",
      );
      expectMatrix(listed, ["admin", "oversight52", "panzhou"]);
    });

    it("shows finding explanations to the agency and its oversight, never to others", async () => {
      const draftId = await upload(w.ctx.panzhou, SAMPLE);
      await upload(w.system, SAMPLE, "published");
      const [finding] = await w.db.select({ id: findings.id }).from(findings).where(eq(findings.reportId, draftId)).limit(1);
      await explainFinding({ ctx: w.ctx.panzhou, input: { findingId: finding!.id, explanation: "内部说明：已核实" } });
      // Accept it so the report (and its explained finding) becomes a public record.
      await w.db.update(reports).set({ status: "submitted" }).where(eq(reports.id, draftId));
      await acceptReport({ ctx: w.ctx.admin, input: { reportId: draftId } });
      const seen = await forEachRole(w, async (ctx) => {
        const report = await getReportById({ ctx, input: { id: draftId } });
        expect(report).not.toBeNull();
        return report!.findings.some((f) => f.explanation === "内部说明：已核实") ? "allowed" : "denied";
      });
      expectMatrix(seen, ["admin", "oversight52", "panzhou"]);
    });

    it("chart exports of the dashboards (view=region, view=agency): published figures for every role, never a draft", async () => {
      // A draft of the same year in the agency's scope: the exports must not sum it or show it.
      await upload(w.ctx.panzhou, SAMPLE);
      const exported = await forEachRole(w, async (ctx) => {
        const region = await getRegion({ ctx, input: { code: "520281" } });
        if (!region) return "denied";
        const params = { indicator: "refusal_rate" };
        const regionCharts = regionDashboardCharts(await loadRegionDashboard(ctx, { region, year: 2024, params }), { lang: "zh", region, year: 2024, params });
        const data = await loadAgencyData(ctx, { agencyId: w.panzhouAgencyId, indicator: "refusal_rate" });
        if (!data) return "denied";
        const charts = agencyCharts(data, { lang: "zh", indicator: "refusal_rate" });
        const trend = (list: typeof charts) => list.find((c) => c.id === "trend-refusal_rate")!.rows.filter((r) => r.year === 2024);
        return JSON.stringify({ region: trend(regionCharts), agency: trend(charts) });
      });
      const first = Object.values(exported)[0]!;
      expect(first).not.toBe("denied");
      // Identical for every role, and one report behind the figure (the published one, not the draft).
      expect(new Set(Object.values(exported)).size).toBe(1);
      const rows = JSON.parse(first) as { region: { reports: number; code: string }[]; agency: { reports: number; code: string }[] };
      expect(rows.region).toEqual([expect.objectContaining({ reports: 1, code: "520281" })]);
      expect(rows.agency).toEqual([expect.objectContaining({ reports: 1, code: "520281" })]);
    });

    it("hand-corrected marks: an agency's draft correction marks nothing for any role (published ones: dashboard/hand-corrected.test.ts); signed out is refused", async () => {
      // 盘州's own correction of the published report is a draft: never a dashboard mark.
      const [latest] = await w.db.select({ id: reports.id, version: reports.version }).from(reports).where(eq(reports.agencyId, w.panzhouAgencyId)).orderBy(desc(reports.version)).limit(1);
      const saved = await correctReport({ ctx: w.ctx.panzhou, input: { reportId: latest!.id, expectedVersion: latest!.version, cells: { "t3.carried_over.total": "4" }, reason: "矩阵" } });
      expect(saved).toMatchObject({ status: "saved", published: false });
      const listed = await forEachRole(w, async (ctx) => ((await listHandCorrected({ ctx, input: {} })).some((r) => r.agencyId === w.panzhouAgencyId) ? "allowed" : "denied"));
      expectMatrix(listed, []);
      await expect(listHandCorrected({ ctx: { db: w.db, viewer: { kind: "anonymous" } } as unknown as Ctx, input: {} })).rejects.toBeInstanceOf(AccessDeniedError);
    });

    it("counts of what needs a person: a submission counts for admin, 贵州 oversight and 盘州 only", async () => {
      const draftId = await upload(w.ctx.panzhou, CORRECTED);
      const before = await forEachRole(w, async (ctx) => (await countReviewQueue({ ctx, input: { year: 2024, regionCode: "520000" } })).pendingReview);
      await submitReport({ ctx: w.ctx.panzhou, input: { reportId: draftId } });
      const after = await forEachRole(w, async (ctx) => (await countReviewQueue({ ctx, input: { year: 2024, regionCode: "520000" } })).pendingReview);
      const counted = Object.fromEntries(ROLES.map((r) => [r, after[r] === before[r] + 1 ? "allowed" : after[r] === before[r] ? "denied" : `${before[r]}→${after[r]}`])) as Record<Role, string>;
      expectMatrix(counted, ["admin", "oversight52", "panzhou"]);
      await expect(countReviewQueue({ ctx: { db: w.db, viewer: { kind: "anonymous" } } as unknown as Ctx, input: { year: 2024, regionCode: "520000" } })).rejects.toBeInstanceOf(AccessDeniedError);
    });

    it("shows a draft's audit entries (upload, explanation) to admin, 贵州 oversight and 盘州 only; account management to admin only", async () => {
      const draftId = await upload(w.ctx.panzhou, SAMPLE);
      const [finding] = await w.db.select({ id: findings.id }).from(findings).where(eq(findings.reportId, draftId)).limit(1);
      await explainFinding({ ctx: w.ctx.panzhou, input: { findingId: finding!.id, explanation: "审计矩阵" } });
      const seen = await forEachRole(w, async (ctx) => {
        const page = await listAuditLog({ ctx, input: { reportId: draftId } });
        return page.items.map((i) => i.action).sort().join(",") === "finding.explain,report.ingest" ? "allowed" : page.total === 0 ? "denied" : page.items.map((i) => i.action).join();
      });
      expectMatrix(seen, ["admin", "oversight52", "panzhou"]);
      await createUser({ ctx: w.ctx.admin, input: { email: `audit-${draftId.slice(0, 8)}@test.local`, name: "审计", role: "admin" } });
      const management = await forEachRole(w, async (ctx) => ((await listAuditLog({ ctx, input: { action: "user.create" } })).total > 0 ? "allowed" : "denied"));
      expectMatrix(management, ["admin"]);
      expect(JSON.stringify(await listAuditLog({ ctx: w.ctx.admin, input: {} }))).not.toMatch(/\$2[aby]\$/);
    });

    it("lists accounts to administrators only, without password hashes", async () => {
      const seen = await forEachRole(w, (ctx) => outcome(() => listUsers({ ctx })));
      expectMatrix(seen, ["admin"]);
      const rows = await listUsers({ ctx: w.ctx.admin });
      expect(rows.length).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(rows)).not.toMatch(/password|\$2[aby]\$/i);
    });
  });

  describe("writes", () => {
    it("uploads a draft for 盘州: the agency itself, 贵州 oversight and admin", async () => {
      const seen = await forEachRole(w, (ctx) => outcome(() => upload(ctx, SAMPLE)));
      expectMatrix(seen, ["admin", "oversight52", "panzhou"]);
    });

    it("refuses an agency user's attempt to publish directly", async () => {
      await expect(upload(w.ctx.panzhou, SAMPLE, "published")).rejects.toBeInstanceOf(AccessDeniedError);
    });

    it("explains a finding: the agency (and admin) only", async () => {
      const seen = await forEachRole(w, async (ctx) => {
        const draftId = await upload(w.ctx.panzhou, SAMPLE);
        const [finding] = await w.db.select({ id: findings.id }).from(findings).where(eq(findings.reportId, draftId)).limit(1);
        return outcome(() => explainFinding({ ctx, input: { findingId: finding!.id, explanation: "口径说明" } }));
      });
      expectMatrix(seen, ["admin", "panzhou"]);
    });

    it("submits a draft: the agency (and admin) only", async () => {
      const seen = await forEachRole(w, async (ctx) => {
        const draftId = await upload(w.ctx.panzhou, CORRECTED);
        return outcome(() => submitReport({ ctx, input: { reportId: draftId } }));
      });
      expectMatrix(seen, ["admin", "panzhou"]);
    });

    it("returns a submission: oversight of its region (and admin) only", async () => {
      const seen = await forEachRole(w, async (ctx) => {
        const draftId = await upload(w.ctx.panzhou, CORRECTED);
        await submitReport({ ctx: w.ctx.panzhou, input: { reportId: draftId } });
        return outcome(() => returnReport({ ctx, input: { reportId: draftId, comment: "请补充说明" } }));
      });
      expectMatrix(seen, ["admin", "oversight52"]);
    });

    it("accepts a submission: oversight of its region (and admin) only", async () => {
      const seen = await forEachRole(w, async (ctx) => {
        const draftId = await upload(w.ctx.panzhou, CORRECTED);
        await submitReport({ ctx: w.ctx.panzhou, input: { reportId: draftId } });
        return outcome(() => acceptReport({ ctx, input: { reportId: draftId } }));
      });
      expectMatrix(seen, ["admin", "oversight52"]);
    });

    it("deletes a draft: the agency (and admin) only", async () => {
      const seen = await forEachRole(w, async (ctx) => {
        const draftId = await upload(w.ctx.panzhou, SAMPLE);
        return outcome(() => deleteDraft({ ctx, input: { reportId: draftId } }));
      });
      expectMatrix(seen, ["admin", "panzhou"]);
    });

    it("corrects a figure by hand: 盘州 (as a draft), 贵州 oversight and admin; never another agency or region", async () => {
      const seen = await forEachRole(w, async (ctx) => {
        // Each role corrects the newest version of 盘州 2024 (a correction from an older one is a conflict).
        const [latest] = await w.db
          .select({ id: reports.id, version: reports.version })
          .from(reports)
          .where(eq(reports.agencyId, w.panzhouAgencyId))
          .orderBy(desc(reports.version))
          .limit(1);
        let result: Awaited<ReturnType<typeof correctReport>> | null = null;
        const verdict = await outcome(async () => {
          result = await correctReport({ ctx, input: { reportId: latest!.id, expectedVersion: latest!.version, cells: { "t3.carried_over.total": String(latest!.version) }, reason: "权限矩阵" } });
        });
        if (verdict === "allowed") expect(result).toMatchObject({ status: "saved" });
        return verdict;
      });
      expectMatrix(seen, ["admin", "oversight52", "panzhou"]);
    });

    it("manages accounts: administrators only", async () => {
      const target = await createTestUser(w.db, { role: "agency", agencyId: w.panzhouAgencyId });
      const create = await forEachRole(w, (ctx, role) =>
        outcome(() => createUser({ ctx, input: { email: `new-${role}-${variant++}@test.local`, name: "新用户", role: "admin" } })),
      );
      const disable = await forEachRole(w, (ctx) => outcome(() => disableUser({ ctx, input: { userId: target.id, disabled: false } })));
      const reset = await forEachRole(w, (ctx) => outcome(() => resetPassword({ ctx, input: { userId: target.id } })));
      expectMatrix(create, ["admin"]);
      expectMatrix(disable, ["admin"]);
      expectMatrix(reset, ["admin"]);
      const unlock = await forEachRole(w, (ctx) => outcome(() => unlockUser({ ctx, input: { userId: target.id } })));
      const update = await forEachRole(w, (ctx) => outcome(() => updateUser({ ctx, input: { userId: target.id, role: "agency", agencyId: w.panzhouAgencyId } })));
      expectMatrix(unlock, ["admin"]);
      expectMatrix(update, ["admin"]);
    });

    it("changes only one's own password (there is no way to name another account)", async () => {
      const user = await createTestUser(w.db, { role: "agency", agencyId: w.panzhouAgencyId, password: "old-password-1" });
      await changePassword({ ctx: ctxFor(w.db, user), input: { currentPassword: "old-password-1", newPassword: "new-password-2" } });
      await expect(changePassword({ ctx: w.system, input: { currentPassword: "x", newPassword: "new-password-3" } })).rejects.toBeInstanceOf(AccessDeniedError);
    });
  });

  describe("signed out", () => {
    it("has no Ctx: an unknown, malformed, disabled or deleted user id yields none", async () => {
      const user = await createTestUser(w.db, { role: "agency", agencyId: w.panzhouAgencyId });
      expect(await getViewer({ db: w.db, userId: user.id, issuedAtMs: Date.now() })).not.toBeNull();
      expect(await getViewer({ db: w.db, userId: "00000000-0000-0000-0000-000000000000", issuedAtMs: Date.now() })).toBeNull();
      expect(await getViewer({ db: w.db, userId: "not-a-uuid", issuedAtMs: Date.now() })).toBeNull();
      await w.db.update(users).set({ disabled: true }).where(eq(users.id, user.id));
      expect(await getViewer({ db: w.db, userId: user.id, issuedAtMs: Date.now() })).toBeNull();
    });

    it("re-reads role and scope from the database, not from the token", async () => {
      const user = await createTestUser(w.db, { role: "oversight", regionCode: "520000" });
      await w.db.update(users).set({ regionCode: "520100" }).where(eq(users.id, user.id));
      const session = await getViewer({ db: w.db, userId: user.id, issuedAtMs: Date.now() });
      expect(session?.ctx.viewer).toMatchObject({ kind: "user", role: "oversight", regionCode: "520100" });
      expect(JSON.stringify(session?.user)).not.toMatch(/password/i);
    });
  });

  it("keeps figures of accepted versions current through the cascade", async () => {
    const draftId = await upload(w.ctx.panzhou, CORRECTED);
    await submitReport({ ctx: w.ctx.panzhou, input: { reportId: draftId } });
    await acceptReport({ ctx: w.ctx.oversight52, input: { reportId: draftId } });
    const current = await w.db
      .select({ id: reportFigures.reportId })
      .from(reportFigures)
      .where(eq(reportFigures.agencyId, w.panzhouAgencyId));
    const currentFlags = await w.db.select({ id: reportFigures.reportId, isCurrent: reportFigures.isCurrent }).from(reportFigures).where(eq(reportFigures.agencyId, w.panzhouAgencyId));
    expect(current.length).toBeGreaterThan(1);
    expect(currentFlags.filter((r) => r.isCurrent).map((r) => r.id)).toEqual([draftId]);
  });
});
