import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import { AccessDeniedError, systemCtx } from "../../context";
import { describeEachDb } from "../../test/db";
import { ctxFor } from "../../test/ctx";
import { createTestUser } from "../../test/factories";
import { reports } from "../../schema";
import type { Db } from "../../client";
import { backfillCoverage } from "./backfill-coverage";
import { ingestReport } from "./ingest-report";

const LINES = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt", "utf8").split("\n");
let seq = 0;

async function ingest(db: Db, text: string) {
  const bytes = new TextEncoder().encode(text);
  const agencyName = `盘州市覆盖测试${++seq}${Math.random().toString(36).slice(2, 6)}局`;
  const analyzed = await analyzeDocument(bytes, "report.txt", { agencyName });
  const result = await ingestReport({ ctx: systemCtx("test", db), input: { bytes, fileName: "report.txt", analyzed } });
  if (result.status !== "created") throw new Error(`ingest: ${result.status}`);
  return { reportId: result.reportId, coverage: analyzed.parsed.coverage };
}

describeEachDb("report coverage", (getDb) => {
  it("is stored with the report, and rebuilt from the stored figures for reports that lack it", async () => {
    const db = getDb();
    // 表三 loses the values of its 予以公开 row; 表四 is cut out entirely.
    const at = LINES.findIndex((l) => l.startsWith("(一)予以公开"));
    const t4 = LINES.findIndex((l) => l.startsWith("四、政府信息公开行政复议"));
    const t5 = LINES.findIndex((l, i) => i > t4 && l.startsWith("五、"));
    const text = [...LINES.slice(0, at + 1), ...LINES.slice(at + 8, t4), ...LINES.slice(t5)].join("\n");
    const { reportId, coverage } = await ingest(db, text);
    expect(coverage.t3).toMatchObject({ status: "partial", read: 168, missing: ["t3.granted.*"] });
    expect(coverage.t4.status).toBe("absent");

    const [stored] = await db.select({ coverage: reports.coverage }).from(reports).where(eq(reports.id, reportId));
    expect(stored?.coverage).toEqual(coverage);

    // A report from before coverage was recorded: the backfill gives what the parser gave.
    await db.update(reports).set({ coverage: null }).where(eq(reports.id, reportId));
    const { updated } = await backfillCoverage({ ctx: systemCtx("test", db) });
    expect(updated).toBeGreaterThanOrEqual(1);
    const [again] = await db.select({ coverage: reports.coverage }).from(reports).where(eq(reports.id, reportId));
    expect(again?.coverage).toEqual(coverage);
  });

  it("is a maintenance job: users may not run it", async () => {
    const db = getDb();
    const admin = await createTestUser(db, { role: "admin" });
    await expect(backfillCoverage({ ctx: ctxFor(db, admin) })).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
