import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import { listIndicatorSums } from "../../queries/dashboard/list-indicator-sums";
import { getReportById } from "../../queries/report/get-report-by-id";
import { auditLog, reports } from "../../schema";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestUser } from "../../test/factories";
import { acceptReport } from "./accept-report";
import { correctReport } from "./correct-report";
import { ingestReport } from "./ingest-report";
import { submitReport } from "./submit-report";

// The real 盘州 2024 report: 上年结转 总计 reads 0; its row says 4 (H-T3-BAL fails on the total column).
const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const CARRIED = "t3.carried_over.total";

describeEachDb("correcting a figure by hand", (getDb) => {
  let system: Ctx;
  let oversight: Ctx;
  let oversightGuiyang: Ctx;
  let panzhou: Ctx;
  let otherAgency: Ctx;
  let admin: Ctx;
  let agencyId: string;
  let n = 0;

  const publish = async (year: number) => {
    const text = SAMPLE.replaceAll("2024", String(year)) + " ".repeat(++n);
    const bytes = new TextEncoder().encode(text);
    const result = await ingestReport({ ctx: system, input: { bytes, fileName: `panzhou-${year}.txt`, analyzed: await analyzeDocument(bytes, "r.txt"), status: "published" } });
    if (result.status !== "created") throw new Error(JSON.stringify(result));
    return result.reportId;
  };
  const workload = async (ctx: Ctx, year: number) => {
    const rows = await listIndicatorSums({ ctx, input: { indicatorKeys: ["workload"], groupBy: "agency", regionCode: "520000", years: [year], agencyIds: [agencyId] } });
    return rows[0]?.sums.workload?.numerator ?? null;
  };

  beforeAll(async () => {
    const db = getDb();
    system = systemCtx("test", db);
    const a = await createTestAgency(db, { name: "盘州市人民政府", nameNorm: "盘州市人民政府", regionCode: "520281" });
    agencyId = a.id;
    const other = await createTestAgency(db, { regionCode: "520102" });
    oversight = ctxFor(db, await createTestUser(db, { role: "oversight", regionCode: "520000", name: "省公开办 李四" }));
    oversightGuiyang = ctxFor(db, await createTestUser(db, { role: "oversight", regionCode: "520100" }));
    panzhou = ctxFor(db, await createTestUser(db, { role: "agency", agencyId: a.id, name: "盘州 张三" }));
    otherAgency = ctxFor(db, await createTestUser(db, { role: "agency", agencyId: other.id }));
    admin = ctxFor(db, await createTestUser(db, { role: "admin" }));
  });

  it("oversight: a new published version, the parsed one kept; validation, dashboards and audit follow", async () => {
    const v1 = await publish(2024);
    const before = await getReportById({ ctx: oversight, input: { id: v1 } });
    expect(before!.cells[CARRIED]!.value).toBe(0);
    expect(before!.findings.some((f) => f.rule === "H-T3-BAL" && f.status === "open")).toBe(true);
    const workloadBefore = await workload(oversight, 2024);

    const saved = await correctReport({ ctx: oversight, input: { reportId: v1, expectedVersion: 1, cells: { [CARRIED]: "4" }, reason: "原件第二行合计为 4" } });
    expect(saved).toMatchObject({ status: "saved", version: 2, published: true, changed: [CARRIED], errors: 0 });
    if (saved.status !== "saved") return;

    const after = await getReportById({ ctx: panzhou, input: { id: saved.reportId } });
    expect(after).toMatchObject({ version: 2, status: "published", isCurrent: true });
    expect(after!.cells[CARRIED]!.value).toBe(4);
    expect(after!.corrections[CARRIED]).toMatchObject({ value: 4, parsed: 0, reason: "原件第二行合计为 4", byName: "省公开办 李四", version: 2 });
    expect(after!.findings.filter((f) => f.severity === "error")).toEqual([]);
    // The parsed version is still there, unchanged, no longer current; its finding resolved by v2.
    const parsed = await getReportById({ ctx: oversight, input: { id: v1 } });
    expect(parsed).toMatchObject({ isCurrent: false, version: 1 });
    expect(parsed!.cells[CARRIED]!.value).toBe(0);
    expect(parsed!.corrections).toEqual({});
    expect(parsed!.findings.find((f) => f.rule === "H-T3-BAL")).toMatchObject({ status: "resolved", resolvedByReportId: saved.reportId });
    // Dashboards read the rollups, refreshed in the same transaction.
    expect(await workload(oversight, 2024)).toBe(workloadBefore! + 4);
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.action, "report.correct"), eq(auditLog.entityId, saved.reportId)));
    expect(entry!.details).toMatchObject({ reason: "原件第二行合计为 4", cells: { [CARRIED]: { from: 0, to: 4 } }, baseVersion: 1, status: "published" });
  });

  it("agency user: its correction is a draft that follows submit → accept; the published figure waits", async () => {
    const v1 = await publish(2023);
    const workloadBefore = await workload(oversight, 2023);
    const saved = await correctReport({ ctx: panzhou, input: { reportId: v1, expectedVersion: 1, cells: { [CARRIED]: "4" }, reason: "填报时漏填" } });
    expect(saved).toMatchObject({ status: "saved", published: false });
    if (saved.status !== "saved") return;
    const draft = await getReportById({ ctx: panzhou, input: { id: saved.reportId } });
    expect(draft).toMatchObject({ status: "draft", isCurrent: false });
    expect(await getReportById({ ctx: otherAgency, input: { id: saved.reportId } })).toBeNull();
    expect(await workload(oversight, 2023)).toBe(workloadBefore);

    await submitReport({ ctx: panzhou, input: { reportId: saved.reportId } });
    await acceptReport({ ctx: oversight, input: { reportId: saved.reportId } });
    expect(await workload(oversight, 2023)).toBe(workloadBefore! + 4);
    expect((await getReportById({ ctx: oversight, input: { id: saved.reportId } }))!.corrections[CARRIED]).toMatchObject({ byName: "盘州 张三", parsed: 0 });
  });

  it("scope: another agency's user and another region's oversight are refused, and nothing is written", async () => {
    const v1 = await publish(2022);
    const count = async () => (await getDb().select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, agencyId), eq(reports.year, 2022)))).length;
    for (const ctx of [otherAgency, oversightGuiyang]) {
      // The same payload the server action would send, replayed from another tenant's session.
      await expect(correctReport({ ctx, input: { reportId: v1, expectedVersion: 1, cells: { [CARRIED]: "4" }, reason: "越权尝试" } })).rejects.toBeInstanceOf(AccessDeniedError);
    }
    expect(await count()).toBe(1);
    const byAdmin = await correctReport({ ctx: admin, input: { reportId: v1, expectedVersion: 1, cells: { [CARRIED]: "4" }, reason: "管理员更正" } });
    expect(byAdmin).toMatchObject({ status: "saved", published: true });
    expect(await count()).toBe(2);
  });

  it("bad input: a field error in Chinese and English per cell, and nothing written", async () => {
    const v1 = await publish(2021);
    const result = await correctReport({
      ctx: oversight,
      input: {
        reportId: v1,
        expectedVersion: 1,
        cells: { [CARRIED]: "-1", "t3.new_received.total": "1.5", "t3.granted.total": "abc", "t3.new_received.natural_person": "99999999999", "t9.nope.total": "1" },
        reason: "",
      },
    });
    expect(result.status).toBe("invalid");
    if (result.status !== "invalid") return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual([CARRIED, "reason", "t3.granted.total", "t3.new_received.natural_person", "t3.new_received.total", "t9.nope.total"].sort());
    expect(result.fieldErrors[CARRIED]).toEqual({ zh: "数量不能为负数。", en: "A count cannot be negative." });
    expect(result.fieldErrors["t3.new_received.total"]!.en).toMatch(/whole numbers/);
    expect(result.fieldErrors["t3.new_received.natural_person"]!.zh).toMatch(/超出范围/);
    const rows = await getDb().select({ id: reports.id }).from(reports).where(and(eq(reports.agencyId, agencyId), eq(reports.year, 2021)));
    expect(rows).toHaveLength(1);
    expect(await correctReport({ ctx: oversight, input: { reportId: v1, expectedVersion: 1, cells: { [CARRIED]: "0" }, reason: "无改动" } })).toMatchObject({ status: "invalid", formError: { en: "No figure was changed." } });
  });

  it("a race: the second of two corrections from the same version gets a conflict naming who saved first", async () => {
    const v1 = await publish(2020);
    const [first, second] = await Promise.all([
      correctReport({ ctx: oversight, input: { reportId: v1, expectedVersion: 1, cells: { [CARRIED]: "4" }, reason: "第一位" } }),
      correctReport({ ctx: panzhou, input: { reportId: v1, expectedVersion: 1, cells: { [CARRIED]: "5" }, reason: "第二位" } }),
    ]);
    const results = [first, second];
    expect(results.filter((r) => r.status === "saved")).toHaveLength(1);
    const conflict = results.find((r) => r.status === "conflict");
    const winner = first.status === "saved" ? "省公开办 李四" : "盘州 张三";
    expect(conflict).toMatchObject({ status: "conflict", latest: { version: 2, byName: winner } });
    // A version that is no longer the latest is refused too, even long after.
    expect(await correctReport({ ctx: oversight, input: { reportId: v1, expectedVersion: 1, cells: { [CARRIED]: "6" }, reason: "旧版本" } })).toMatchObject({ status: "conflict" });
  });
});
