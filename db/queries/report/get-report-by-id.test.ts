import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { readCells } from "../../../lib/catalog";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import type { Db } from "../../client";
import { systemCtx, type Ctx, type Viewer } from "../../context";
import { findings } from "../../schema";
import { describeEachDb } from "../../test/db";
import { ingestReport } from "../../mutations/report/ingest-report";
import { getReportById } from "./get-report-by-id";
import { getReportSource } from "./get-report-source";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8");
let seq = 0;

function freshAgencyName(): string {
  return `盘州市报告页测试${++seq}${Math.random().toString(36).slice(2, 6)}局`;
}

async function ingest(db: Db, text: string, agencyName: string, status: "draft" | "published" = "published", fileName = "盘州市2024年报.txt") {
  const bytes = new TextEncoder().encode(text);
  const analyzed = await analyzeDocument(bytes, fileName, { agencyName });
  const result = await ingestReport({ ctx: systemCtx("test", db), input: { bytes, fileName, analyzed, status } });
  if (result.status !== "created") throw new Error(`ingest: ${JSON.stringify(result)}`);
  return result;
}

function userCtx(db: Db, viewer: Omit<Extract<Viewer, { kind: "user" }>, "kind" | "userId">): Ctx {
  return { db, viewer: { kind: "user", userId: crypto.randomUUID(), ...viewer } };
}

describeEachDb("getReportById", (getDb) => {
  it("returns the 200 read cells with provenance and null reasons, findings with blame, topics and narrative", async () => {
    const db = getDb();
    const created = await ingest(db, SAMPLE, freshAgencyName());
    const report = await getReportById({ ctx: systemCtx("test", db), input: { id: created.reportId } });
    expect(report).not.toBeNull();
    if (!report) return;
    expect(report).toMatchObject({ year: 2024, formatVersion: "2021", scope: "self", status: "published", version: 1, isCurrent: true, complete: true });
    expect(report.region).toEqual({ code: "520281", name: "盘州市" });
    expect(Object.keys(report.cells).sort()).toEqual(readCells("2021").map((c) => c.key).sort());
    expect(Object.keys(report.cells)).toHaveLength(200);

    const carried = report.cells["t3.carried_over.total"];
    expect(carried?.value).toBe(0);
    expect(carried?.source?.raw).toBe("0");
    expect(carried?.source?.loc.line).toBeGreaterThan(0);
    expect(report.cells["t3.new_received.total"]?.value).toBe(33);
    // Every null cell says why it is null.
    for (const cell of Object.values(report.cells)) expect(cell.value === null ? cell.nullReason : null).toBe(cell.value === null ? expect.any(String) : null);

    const col = report.findings.find((f) => f.rule === "H-T3-COL");
    expect(col).toMatchObject({ severity: "error", blame: ["t3.carried_over.total"], suggested: { "t3.carried_over.total": 4 }, status: "open" });
    expect(col?.messageZh).toContain("上年结转");
    expect(report.findings[0]?.severity).toBe("error");
    expect(report.topics.map((t) => t.topic).sort()).toEqual(["demolition", "land_requisition"]);
    expect(report.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(report.narrative.carried_over?.value).toBe(4);
    expect(report.document).toMatchObject({ fileName: "盘州市2024年报.txt", mediaType: "text/plain" });
    expect(report.versions).toHaveLength(1);
  });

  it("lists every version, newest first, and marks the current one", async () => {
    const db = getDb();
    const name = freshAgencyName();
    const v1 = await ingest(db, SAMPLE, name);
    const v2 = await ingest(db, SAMPLE + "\n附：更正版。\n", name, "published", "更正版.txt");
    const report = await getReportById({ ctx: systemCtx("test", db), input: { id: v1.reportId } });
    expect(report?.isCurrent).toBe(false);
    expect(report?.versions.map((v) => [v.id, v.version, v.isCurrent])).toEqual([
      [v2.reportId, 2, true],
      [v1.reportId, 1, false],
    ]);
    expect(report?.versions[0]?.fileName).toBe("更正版.txt");
  });

  it("refuses a draft to another agency's user and to oversight of another region, shows it to its own", async () => {
    const db = getDb();
    const draft = await ingest(db, SAMPLE, freshAgencyName(), "draft");
    const input = { id: draft.reportId };
    const other = userCtx(db, { role: "agency", agencyId: crypto.randomUUID(), regionCode: null });
    // Refused exactly like an id that does not exist, so drafts are not even revealed to exist.
    expect(await getReportById({ ctx: other, input })).toBeNull();
    expect(await getReportSource({ ctx: other, input })).toBeNull();
    const guiyang = userCtx(db, { role: "oversight", agencyId: null, regionCode: "520100" });
    expect(await getReportById({ ctx: guiyang, input })).toBeNull();

    const own = userCtx(db, { role: "agency", agencyId: draft.agencyId, regionCode: null });
    expect((await getReportById({ ctx: own, input }))?.status).toBe("draft");
    const liupanshui = userCtx(db, { role: "oversight", agencyId: null, regionCode: "520200" });
    expect((await getReportById({ ctx: liupanshui, input }))?.id).toBe(draft.reportId);
  });

  it("shows a published report to everyone signed in, but its explanations only within scope", async () => {
    const db = getDb();
    const created = await ingest(db, SAMPLE, freshAgencyName());
    await db.update(findings).set({ status: "explained", explanation: "原表录入错误，已更正。" }).where(eq(findings.reportId, created.reportId));
    const input = { id: created.reportId };
    const other = await getReportById({ ctx: userCtx(db, { role: "agency", agencyId: crypto.randomUUID(), regionCode: null }), input });
    expect(other?.canSeeExplanations).toBe(false);
    expect(other?.findings.every((f) => f.status === "explained" && f.explanation === null)).toBe(true);
    const own = await getReportById({ ctx: userCtx(db, { role: "agency", agencyId: created.agencyId, regionCode: null }), input });
    expect(own?.findings.every((f) => f.explanation === "原表录入错误，已更正。")).toBe(true);
  });

  it("hides draft versions from the version list of viewers who may not see them", async () => {
    const db = getDb();
    const name = freshAgencyName();
    const published = await ingest(db, SAMPLE, name);
    await ingest(db, SAMPLE + "\n草稿\n", name, "draft");
    const outsider = await getReportById({ ctx: userCtx(db, { role: "agency", agencyId: crypto.randomUUID(), regionCode: null }), input: { id: published.reportId } });
    expect(outsider?.versions.map((v) => v.status)).toEqual(["published"]);
    const admin = await getReportById({ ctx: userCtx(db, { role: "admin", agencyId: null, regionCode: null }), input: { id: published.reportId } });
    expect(admin?.versions.map((v) => v.status)).toEqual(["draft", "published"]);
  });

  it("returns null for an unknown or malformed id", async () => {
    const db = getDb();
    expect(await getReportById({ ctx: systemCtx("test", db), input: { id: crypto.randomUUID() } })).toBeNull();
    expect(await getReportById({ ctx: systemCtx("test", db), input: { id: "not-a-uuid" } })).toBeNull();
  });

  it("getReportSource returns the original bytes and file name", async () => {
    const db = getDb();
    const created = await ingest(db, SAMPLE, freshAgencyName());
    const source = await getReportSource({ ctx: systemCtx("test", db), input: { id: created.reportId } });
    expect(source?.fileName).toBe("盘州市2024年报.txt");
    expect(source?.mediaType).toBe("text/plain");
    expect(new TextDecoder().decode(source?.bytes)).toBe(SAMPLE);
  });
});
