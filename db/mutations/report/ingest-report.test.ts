import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import { describeEachDb } from "../../test/db";
import { createTestAgency } from "../../test/factories";
import { agencies, auditLog, findings, reportFigures, reports, reportTopics, sourceDocuments } from "../../schema";
import { figureCells } from "../../schema/report-figures";
import type { Db } from "../../client";
import { ingestReport } from "./ingest-report";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
const EXPECTED = JSON.parse(readFileSync("lib/ingest/__fixtures__/panzhou/2024/expected.json", "utf8")) as { cells: Record<string, number> };
let seq = 0;

/** The sample under a fresh agency name in 盘州市, so tests sharing a database don't meet. */
async function ingestText(db: Db, text: string, opts: { agency?: string; ctx?: Ctx; status?: "draft" | "published" } = {}) {
  const bytes = new TextEncoder().encode(text);
  const analyzed = await analyzeDocument(bytes, "report.txt", opts.agency ? { agencyName: opts.agency } : {});
  return ingestReport({ ctx: opts.ctx ?? systemCtx("test", db), input: { bytes, fileName: "report.txt", analyzed, status: opts.status ?? "published" } });
}

function freshAgency(): string {
  return `盘州市测试${++seq}${Math.random().toString(36).slice(2, 6)}局`;
}

describeEachDb("ingestReport", (getDb) => {
  it("stores the sample: document, report, every figure with provenance, findings, topics, audit", async () => {
    const db = getDb();
    const result = await ingestText(db, SAMPLE);
    expect(result.status).toBe("created");
    if (result.status !== "created") return;
    const [report] = await db.select().from(reports).where(eq(reports.id, result.reportId));
    expect(report).toMatchObject({ year: 2024, formatVersion: "2021", scope: "self", status: "published", version: 1, isCurrent: true, complete: true });
    const [agency] = await db.select().from(agencies).where(eq(agencies.id, result.agencyId));
    expect(agency).toMatchObject({ name: "盘州市人民政府", kind: "government", level: "county", regionCode: "520281", reviewStatus: "active" });

    const [fig] = await db.select().from(reportFigures).where(eq(reportFigures.reportId, result.reportId));
    const stored = figureCells(fig!, Object.keys(EXPECTED.cells));
    const mismatched = Object.entries(EXPECTED.cells).filter(([k, v]) => Number(stored[k]) !== v);
    expect(mismatched).toEqual([]);
    expect(fig!.provenance["t3.carried_over.total"]?.raw).toBe("0");
    expect(figureCells(fig!, ["t3.denied_total.total", "t4.lit_total.total"])).toEqual({ "t3.denied_total.total": 0, "t4.lit_total.total": 2 });

    const found = await db.select().from(findings).where(and(eq(findings.reportId, result.reportId), eq(findings.severity, "error")));
    expect(found.map((f) => f.rule).sort()).toEqual(["H-T3-BAL", "H-T3-COL"]);
    for (const f of found) {
      expect(f.blame).toEqual(["t3.carried_over.total"]);
      expect(f.suggested).toEqual({ "t3.carried_over.total": 4 });
      expect(f.messageZh).toContain("上年结转");
    }
    const topics = await db.select().from(reportTopics).where(eq(reportTopics.reportId, result.reportId));
    expect(topics.map((t) => t.topic).sort()).toEqual(["demolition", "land_requisition"]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, result.reportId));
    expect(audit.map((a) => a.action)).toEqual(["report.ingest"]);
  });

  it("skips the same bytes again and writes nothing", async () => {
    const db = getDb();
    const agency = freshAgency();
    const first = await ingestText(db, SAMPLE + "\n", { agency });
    const docsBefore = (await db.select({ id: sourceDocuments.id }).from(sourceDocuments)).length;
    const again = await ingestText(db, SAMPLE + "\n", { agency });
    expect(again.status).toBe("skipped");
    expect(first.status === "created" && again.status === "skipped" && again.reportId === first.reportId).toBe(true);
    expect((await db.select({ id: sourceDocuments.id }).from(sourceDocuments)).length).toBe(docsBefore);
  });

  it("makes a different document for the same agency and year a new version, keeping the old one", async () => {
    const db = getDb();
    const agency = freshAgency();
    const v1 = await ingestText(db, SAMPLE, { agency });
    const v2 = await ingestText(db, SAMPLE.replace("上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |", "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n4 |"), { agency });
    expect(v1.status).toBe("created");
    expect(v2.status).toBe("created");
    if (v1.status !== "created" || v2.status !== "created") return;
    expect(v2.version).toBe(2);
    expect(v2.supersededId).toBe(v1.reportId);
    const rows = await db.select({ id: reports.id, isCurrent: reports.isCurrent, version: reports.version }).from(reports).where(eq(reports.agencyId, v1.agencyId));
    expect(rows.sort((a, b) => a.version - b.version).map((r) => [r.version, r.isCurrent])).toEqual([
      [1, false],
      [2, true],
    ]);
    // The corrected version raises no arithmetic error and resolves the old version's findings.
    const v2Errors = await db.select().from(findings).where(and(eq(findings.reportId, v2.reportId), eq(findings.severity, "error")));
    expect(v2Errors).toEqual([]);
    const v1Findings = await db.select().from(findings).where(and(eq(findings.reportId, v1.reportId), eq(findings.severity, "error")));
    expect(v1Findings.every((f) => f.status === "resolved" && f.resolvedByReportId === v2.reportId)).toBe(true);
    const [fig1] = await db.select({ isCurrent: reportFigures.isCurrent }).from(reportFigures).where(eq(reportFigures.reportId, v1.reportId));
    expect(fig1?.isCurrent).toBe(false);
  });

  it("leaves no trace when a document cannot be stored", async () => {
    const db = getDb();
    const before = (await db.select({ id: sourceDocuments.id }).from(sourceDocuments)).length;
    const bytes = new TextEncoder().encode(SAMPLE.replace("33 |\n0 |\n0 |\n0 |\n0 |\n0 |\n33 |", "33.5 |\n0 |\n0 |\n0 |\n0 |\n0 |\n33 |") + " ");
    const analyzed = await analyzeDocument(bytes, "broken.txt", { agencyName: freshAgency() });
    expect(analyzed.error?.code).toBe("value_out_of_range");
    // Past the pipeline's check: force a value the storage refuses (a fractional count) to fail mid-transaction.
    analyzed.error = null;
    analyzed.parsed.cells["t3.new_received.natural_person"] = { value: 33.5, nullReason: null, source: null };
    await expect(ingestReport({ ctx: systemCtx("test", db), input: { bytes, fileName: "broken.txt", analyzed } })).rejects.toThrow(/whole numbers/);
    expect((await db.select({ id: sourceDocuments.id }).from(sourceDocuments)).length).toBe(before);
    expect(await db.select().from(agencies).where(eq(agencies.nameNorm, analyzed.agency!.nameNorm))).toEqual([]);
  });

  it("refuses what the dry run refuses: a count beyond int4 fails with the cell and value named, nothing written", async () => {
    const db = getDb();
    const before = (await db.select({ id: sourceDocuments.id }).from(sourceDocuments)).length;
    const bytes = new TextEncoder().encode(SAMPLE.replace("33 |\n0 |\n0 |\n0 |\n0 |\n0 |\n33 |", "3000000000 |\n0 |\n0 |\n0 |\n0 |\n0 |\n3000000000 |"));
    const analyzed = await analyzeDocument(bytes, "huge.txt", { agencyName: freshAgency() });
    const result = await ingestReport({ ctx: systemCtx("test", db), input: { bytes, fileName: "huge.txt", analyzed } });
    expect(result).toMatchObject({ status: "failed", code: "value_out_of_range" });
    if (result.status !== "failed") return;
    expect(result.message).toContain("t3.new_received.natural_person");
    expect(result.message).toContain("3000000000");
    expect(result.message).not.toMatch(/insert into|22003|params/iu);
    expect((await db.select({ id: sourceDocuments.id }).from(sourceDocuments)).length).toBe(before);
  });

  it("reports unreadable files as failed without touching the database", async () => {
    const db = getDb();
    const bytes = new Uint8Array(0);
    const analyzed = await analyzeDocument(bytes, "empty.txt");
    const result = await ingestReport({ ctx: systemCtx("test", db), input: { bytes, fileName: "empty.txt", analyzed } });
    expect(result).toMatchObject({ status: "failed", code: "empty_document" });
  });

  it("recomputes cross-year findings when the previous year arrives later", async () => {
    const db = getDb();
    const agency = freshAgency();
    const y2024 = await ingestText(db, SAMPLE, { agency });
    if (y2024.status !== "created") throw new Error("setup");
    const carry = async () => (await db.select().from(findings).where(and(eq(findings.reportId, y2024.reportId), eq(findings.rule, "S-X-CARRY")))).length;
    expect(await carry()).toBe(0);
    // 2023 carried 3 forward; 2024 says 4 came over: the carry-over is broken.
    const y2023 = await ingestText(db, SAMPLE.replaceAll("2024", "2023"), { agency });
    expect(y2023.status).toBe("created");
    expect(await carry()).toBeGreaterThan(0);
  });

  it("refuses an agency user writing for another agency, and an oversight user outside its region", async () => {
    const db = getDb();
    const other = await createTestAgency(db, { regionCode: "520281" });
    const agencyUser: Ctx = { db, viewer: { kind: "user", userId: crypto.randomUUID(), role: "agency", agencyId: other.id, regionCode: null } };
    await expect(ingestText(db, SAMPLE + " x", { ctx: agencyUser, status: "draft", agency: freshAgency() })).rejects.toBeInstanceOf(AccessDeniedError);
    const guiyangOversight: Ctx = { db, viewer: { kind: "user", userId: crypto.randomUUID(), role: "oversight", agencyId: null, regionCode: "520100" } };
    await expect(ingestText(db, SAMPLE + " y", { ctx: guiyangOversight, agency: freshAgency() })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
