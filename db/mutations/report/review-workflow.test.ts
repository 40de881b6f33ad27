import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import { systemCtx, type Ctx } from "../../context";
import { getSelfReviewReportById } from "../../queries/self-review/get-self-review-report";
import { listSelfReviewReports } from "../../queries/self-review/list-self-review-reports";
import { auditLog, findings, reports } from "../../schema";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestUser } from "../../test/factories";
import { explainFinding } from "../finding/explain-finding";
import { acceptReport } from "./accept-report";
import { ingestReport } from "./ingest-report";
import { returnReport } from "./return-report";
import { submitReport } from "./submit-report";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const CORRECTED = SAMPLE.replace(
  "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |",
  "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n4 |",
);

describeEachDb("self-review workflow", (getDb) => {
  let agency: Ctx;
  let oversight: Ctx;
  let n = 0;
  const upload = async (ctx: Ctx, text: string, status: "draft" | "published" = "draft") => {
    const bytes = new TextEncoder().encode(text + " ".repeat(++n));
    const result = await ingestReport({ ctx, input: { bytes, fileName: "r.txt", analyzed: await analyzeDocument(bytes, "r.txt"), status } });
    if (result.status !== "created") throw new Error(JSON.stringify(result));
    return result.reportId;
  };

  beforeAll(async () => {
    const db = getDb();
    const a = await createTestAgency(db, { name: "盘州市人民政府", nameNorm: "盘州市人民政府", regionCode: "520281" });
    agency = ctxFor(db, await createTestUser(db, { role: "agency", agencyId: a.id }));
    oversight = ctxFor(db, await createTestUser(db, { role: "oversight", regionCode: "520200" }));
  });

  it("draft with an error → explain or correct → submit → return with comment → resubmit → accept", async () => {
    const db = getDb();
    const published = await upload(systemCtx("t", db), SAMPLE, "published");
    const v1 = await upload(agency, SAMPLE);
    const v1View = await getSelfReviewReportById({ ctx: agency, input: { reportId: v1 } });
    const carry = v1View!.findings.find((f) => f.rule === "H-T3-BAL");
    expect(carry?.suggested).toEqual({ "t3.carried_over.total": 4 });
    expect(v1View!.tables.find((t) => t.table === "t3")!.filled).toBeGreaterThan(0);

    await expect(submitReport({ ctx: agency, input: { reportId: v1 } })).rejects.toMatchObject({ code: "open_errors" });
    const v2 = await upload(agency, CORRECTED);
    await expect(submitReport({ ctx: agency, input: { reportId: v1 } })).rejects.toMatchObject({ code: "not_latest" });
    const v2View = await getSelfReviewReportById({ ctx: agency, input: { reportId: v2 } });
    expect(v2View!.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(v2View!.versions.map((v) => v.id)).toContain(v1);

    await submitReport({ ctx: agency, input: { reportId: v2 } });
    await expect(submitReport({ ctx: agency, input: { reportId: v2 } })).rejects.toMatchObject({ code: "wrong_status" });
    expect((await listSelfReviewReports({ ctx: oversight, input: { statuses: ["submitted"] } })).map((r) => r.id)).toContain(v2);

    await returnReport({ ctx: oversight, input: { reportId: v2, comment: "请补充第五部分说明" } });
    const returned = (await listSelfReviewReports({ ctx: agency })).find((r) => r.id === v2);
    expect(returned).toMatchObject({ status: "draft", returnComment: "请补充第五部分说明" });

    await submitReport({ ctx: agency, input: { reportId: v2 } });
    const accepted = await acceptReport({ ctx: oversight, input: { reportId: v2 } });
    expect(accepted.supersededId).toBe(published);
    const rows = await db.select({ id: reports.id, status: reports.status, isCurrent: reports.isCurrent }).from(reports).where(eq(reports.id, v2));
    expect(rows).toEqual([{ id: v2, status: "published", isCurrent: true }]);
    const [old] = await db.select({ isCurrent: reports.isCurrent }).from(reports).where(eq(reports.id, published));
    expect(old!.isCurrent).toBe(false);
    const resolved = await db.select({ status: findings.status }).from(findings).where(and(eq(findings.reportId, published), eq(findings.rule, "H-T3-BAL")));
    expect(resolved.map((f) => f.status)).toEqual(["resolved"]);

    const history = (await getSelfReviewReportById({ ctx: oversight, input: { reportId: v2 } }))!.history.map((h) => h.action);
    expect(history).toEqual(["report.ingest", "report.submit", "report.return", "report.submit", "report.accept"]);
  });

  it("explaining a finding marks it explained, then the draft can be submitted", async () => {
    const db = getDb();
    const id = await upload(agency, SAMPLE);
    const errors = await db.select({ id: findings.id }).from(findings).where(and(eq(findings.reportId, id), eq(findings.severity, "error")));
    for (const f of errors) await explainFinding({ ctx: agency, input: { findingId: f.id, explanation: "上年结转数以台账为准" } });
    const view = await getSelfReviewReportById({ ctx: agency, input: { reportId: id } });
    expect(view!.findings.filter((f) => f.severity === "error").every((f) => f.status === "explained" && f.explanation === "上年结转数以台账为准")).toBe(true);
    await submitReport({ ctx: agency, input: { reportId: id } });
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entity, "finding"));
    expect(audit.length).toBe(errors.length);
    await expect(explainFinding({ ctx: agency, input: { findingId: errors[0]!.id, explanation: "" } })).rejects.toMatchObject({ code: "invalid_input" });
  });
});
