import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import { systemCtx, type Ctx } from "../../context";
import { listAuditLog } from "../../queries/audit/list-audit-log";
import { listSelfReviewReports } from "../../queries/self-review/list-self-review-reports";
import { auditLog, findings, reportFigures, reports, sourceDocuments } from "../../schema";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestUser } from "../../test/factories";
import { correctReport } from "./correct-report";
import { deleteDraft } from "./delete-draft";
import { ingestReport } from "./ingest-report";
import { submitReport } from "./submit-report";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");

describeEachDb("deleteDraft", (getDb) => {
  let agency: Ctx;
  let otherAgency: Ctx;
  let oversight: Ctx;
  let admin: Ctx;
  let n = 0;
  const upload = async (ctx: Ctx, text = SAMPLE, status: "draft" | "published" = "draft") => {
    const bytes = new TextEncoder().encode(text + " ".repeat(++n));
    const result = await ingestReport({ ctx, input: { bytes, fileName: `r${n}.txt`, analyzed: await analyzeDocument(bytes, "r.txt"), status } });
    if (result.status !== "created") throw new Error(JSON.stringify(result));
    return { id: result.reportId, bytes };
  };

  beforeAll(async () => {
    const db = getDb();
    const a = await createTestAgency(db, { name: "盘州市人民政府", nameNorm: "盘州市人民政府", regionCode: "520281" });
    const b = await createTestAgency(db, { name: "水城区人民政府", nameNorm: "水城区人民政府", regionCode: "520204" });
    agency = ctxFor(db, await createTestUser(db, { role: "agency", agencyId: a.id }));
    otherAgency = ctxFor(db, await createTestUser(db, { role: "agency", agencyId: b.id }));
    oversight = ctxFor(db, await createTestUser(db, { role: "oversight", regionCode: "520200" }));
    admin = ctxFor(db, await createTestUser(db, { role: "admin" }));
  });

  it("removes the agency's own draft with its figures, findings and file, and logs it where the agency can read it", async () => {
    const db = getDb();
    const { id, bytes } = await upload(agency);
    const [{ documentId }] = (await db.select({ documentId: reports.documentId }).from(reports).where(eq(reports.id, id))) as [{ documentId: string }];
    expect((await db.select({ id: findings.id }).from(findings).where(eq(findings.reportId, id))).length).toBeGreaterThan(0);

    const result = await deleteDraft({ ctx: agency, input: { reportId: id } });
    expect(result.reportId).toBe(id);
    expect(await db.select({ id: reports.id }).from(reports).where(eq(reports.id, id))).toEqual([]);
    expect(await db.select({ id: findings.id }).from(findings).where(eq(findings.reportId, id))).toEqual([]);
    expect(await db.select({ id: reportFigures.reportId }).from(reportFigures).where(eq(reportFigures.reportId, id))).toEqual([]);
    expect(await db.select({ id: sourceDocuments.id }).from(sourceDocuments).where(eq(sourceDocuments.id, documentId))).toEqual([]);
    expect((await listSelfReviewReports({ ctx: agency })).map((r) => r.id)).not.toContain(id);

    const entries = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(entries.map((e) => e.action)).toContain("report.delete_draft");
    // The agency and its oversight office still see the deletion in the audit log; another agency does not.
    const seen = async (ctx: Ctx) => (await listAuditLog({ ctx, input: { action: "report.delete_draft" } })).items.filter((i) => i.entityId === id);
    expect((await seen(agency))[0]).toMatchObject({ agencyName: "盘州市人民政府" });
    expect(await seen(oversight)).toHaveLength(1);
    expect(await seen(otherAgency)).toHaveLength(0);

    // The same file again is a new draft, not "already uploaded" as the deleted one.
    const again = await ingestReport({ ctx: agency, input: { bytes, fileName: "again.txt", analyzed: await analyzeDocument(bytes, "again.txt"), status: "draft" } });
    expect(again.status).toBe("created");
  });

  it("refuses another agency, oversight staff, and anything that is not a draft; nothing changes", async () => {
    const db = getDb();
    const { id } = await upload(agency);
    await expect(deleteDraft({ ctx: otherAgency, input: { reportId: id } })).rejects.toMatchObject({ name: "AccessDeniedError" });
    await expect(deleteDraft({ ctx: oversight, input: { reportId: id } })).rejects.toMatchObject({ name: "AccessDeniedError" });
    await expect(deleteDraft({ ctx: agency, input: { reportId: "not-a-uuid" } })).rejects.toMatchObject({ name: "AccessDeniedError" });

    const fixed = SAMPLE.replace("上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |", "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n4 |");
    const submitted = await upload(agency, fixed);
    await submitReport({ ctx: agency, input: { reportId: submitted.id } });
    await expect(deleteDraft({ ctx: agency, input: { reportId: submitted.id } })).rejects.toMatchObject({ code: "wrong_status" });
    const published = await upload(systemCtx("t", db), SAMPLE, "published");
    await expect(deleteDraft({ ctx: admin, input: { reportId: published.id } })).rejects.toMatchObject({ code: "wrong_status" });

    const left = await db.select({ id: reports.id }).from(reports).where(eq(reports.agencyId, (await db.select({ a: reports.agencyId }).from(reports).where(eq(reports.id, id)))[0]!.a));
    expect(left.map((r) => r.id)).toEqual(expect.arrayContaining([id, submitted.id, published.id]));
  });

  it("deleting an earlier draft keeps the later version's chain of predecessors intact", async () => {
    const db = getDb();
    const first = await upload(agency);
    const second = await upload(agency);
    const [before] = await db.select({ supersedesId: reports.supersedesId }).from(reports).where(eq(reports.id, first.id));
    await deleteDraft({ ctx: admin, input: { reportId: first.id } });
    const [after] = await db.select({ supersedesId: reports.supersedesId }).from(reports).where(eq(reports.id, second.id));
    expect(after!.supersedesId).toBe(before!.supersedesId);
  });

  it("a draft a figure was corrected from can be deleted; the corrected version stays, with its correction", async () => {
    const db = getDb();
    const draft = await upload(agency);
    const [v] = await db.select({ version: reports.version }).from(reports).where(eq(reports.id, draft.id));
    const saved = await correctReport({ ctx: agency, input: { reportId: draft.id, expectedVersion: v!.version, cells: { "t3.carried_over.total": "4" }, reason: "原表漏填" } });
    expect(saved).toMatchObject({ status: "saved" });
    const correctedId = (saved as { reportId: string }).reportId;
    await deleteDraft({ ctx: agency, input: { reportId: draft.id } });
    const [left] = await db.select({ id: reports.id, correctionOf: reports.correctionOf, corrections: reports.corrections }).from(reports).where(eq(reports.id, correctedId));
    expect(left?.correctionOf).toBeNull();
    expect(JSON.stringify(left?.corrections)).toContain("原表漏填");
    expect(await db.select({ id: reports.id }).from(reports).where(eq(reports.id, draft.id))).toEqual([]);
  });
});
