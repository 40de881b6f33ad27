/**
 * The dashboards' shared cache (_cache.ts): a repeat read is served from memory, and the next read
 * after any write that changes the dashboards — a mutation here, an accepted draft, or the ingest
 * CLI in another process — is fresh. Drafts never reach another viewer through it.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeDocument } from "../../../lib/ingest/analyze";
import { systemCtx, type Ctx } from "../../context";
import { acceptReport } from "../../mutations/report/accept-report";
import { ingestReport } from "../../mutations/report/ingest-report";
import { submitReport } from "../../mutations/report/submit-report";
import { ctxFor } from "../../test/ctx";
import { createTestDb, describeEachDb, type TestDb } from "../../test/db";
import { createTestAgency, createTestReport, createTestUser } from "../../test/factories";
import { cachedDashboardRead, readDashboardGeneration } from "./_cache";
import { getAgencyProfile } from "./get-agency-profile";
import { getRegionDashboard } from "./get-region-dashboard";
import { listIndicatorSums, listIndicatorSumsFromFigures, type IndicatorSumsRow } from "./list-indicator-sums";
import { listRegionAgencies } from "./list-region-agencies";

const SAMPLE_FILE = "lib/ingest/__fixtures__/panzhou/2024/input.txt";
const SAMPLE = readFileSync(SAMPLE_FILE, "utf8");
// The sample with its carry-over error fixed, so a draft of it can be submitted and accepted.
const CORRECTED = SAMPLE.replace(
  "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n0 |",
  "上年结转政府信息公开申请数量 |\n4 |\n0 |\n0 |\n0 |\n0 |\n0 |\n4 |",
);
// Years no other fixture uses, so these sums hold only this file's reports.
const Y = 2052;

const received = (rows: IndicatorSumsRow[], key: string) => rows.find((r) => r.key === key)?.sums.new_received?.numerator ?? 0;

describeEachDb("dashboard cache", (getDb) => {
  let reader: Ctx;
  beforeAll(async () => {
    reader = ctxFor(getDb(), await createTestUser(getDb(), { role: "oversight", regionCode: "520000" }));
  });

  it("serves a repeat read from memory and the first read after a write fresh", async () => {
    const db = getDb();
    const a = await createTestAgency(db, { regionCode: "520281" });
    await createTestReport(db, { agencyId: a.id, year: Y, regionCode: "520281", cells: { "t3.new_received.total": 7 } });
    const input = { indicatorKeys: ["new_received"], groupBy: "year" as const, regionCode: "520281", years: [Y] };

    const first = await listIndicatorSums({ ctx: reader, input });
    expect(received(first, String(Y))).toBe(7);
    // The same object: no query ran.
    expect(await listIndicatorSums({ ctx: reader, input })).toBe(first);

    const before = await readDashboardGeneration(db);
    const b = await createTestAgency(db, { regionCode: "520281" });
    await createTestReport(db, { agencyId: b.id, year: Y, regionCode: "520281", cells: { "t3.new_received.total": 5 } });
    expect(await readDashboardGeneration(db)).toBeGreaterThan(before);

    const after = await listIndicatorSums({ ctx: reader, input });
    expect(after).not.toBe(first);
    expect(received(after, String(Y))).toBe(12);
    expect(after).toEqual(await listIndicatorSumsFromFigures({ ctx: reader, input }));
    // The region's agency list is cached too, and shows the new agency.
    expect((await listRegionAgencies({ ctx: reader, input: { regionCode: "520281" } })).map((x) => x.id)).toContain(b.id);
  });

  it("loads once for concurrent first readers and never keeps a failed load", async () => {
    let loads = 0;
    const key = { name: "cache.test", scope: "published" as const, input: { n: Math.random() } };
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { loads };
    };
    const [x, y] = await Promise.all([cachedDashboardRead(reader, key, load), cachedDashboardRead(reader, key, load)]);
    expect(x).toBe(y);
    expect(loads).toBe(1);

    const failing = { ...key, input: { n: Math.random() } };
    await expect(cachedDashboardRead(reader, failing, () => Promise.reject(new Error("database went away")))).rejects.toThrow("database went away");
    await expect(cachedDashboardRead(reader, failing, () => Promise.resolve("recovered"))).resolves.toBe("recovered");
  });

  it("refuses a context without a viewer before looking at the cache", async () => {
    const noViewer = { db: getDb() } as unknown as Ctx;
    await expect(listIndicatorSums({ ctx: noViewer, input: { indicatorKeys: ["new_received"], groupBy: "year", regionCode: "520000" } })).rejects.toThrow();
  });

  it("keeps an agency's draft out of every other viewer's page, whoever reads first, and shows it once accepted", async () => {
    const db = getDb();
    let n = 0;
    const upload = async (ctx: Ctx, text: string, status: "draft" | "published") => {
      const bytes = new TextEncoder().encode(text + " ".repeat(++n));
      const result = await ingestReport({ ctx, input: { bytes, fileName: "r.txt", analyzed: await analyzeDocument(bytes, "r.txt"), status } });
      if (result.status !== "created") throw new Error(JSON.stringify(result));
      return result;
    };
    const published = await upload(systemCtx("cache.test", db), SAMPLE, "published");
    const own = ctxFor(db, await createTestUser(db, { role: "agency", agencyId: published.agencyId }));
    const other = ctxFor(db, await createTestUser(db, { role: "agency" }));
    const overseer = ctxFor(db, await createTestUser(db, { role: "oversight", regionCode: "520200" }));
    const draft = await upload(own, CORRECTED, "draft");
    const input = { agencyId: published.agencyId, indicatorKeys: ["refusal_rate"] };
    const versions = async (ctx: Ctx) => (await getAgencyProfile({ ctx, input }))!.reports.map((r) => r.id);

    // Another agency's user first: the shared part gets cached without the draft…
    expect(await versions(other)).toEqual([published.reportId]);
    // …and the agency itself still sees its draft; then the other viewer still does not.
    expect(await versions(own)).toEqual([draft.reportId, published.reportId]);
    expect(await versions(other)).toEqual([published.reportId]);
    const before = (await getAgencyProfile({ ctx: other, input }))!.series.map((s) => s.reportId);
    expect(before).toEqual([published.reportId]);

    // Accepted, the draft becomes the current report: every viewer's next read shows it.
    await submitReport({ ctx: own, input: { reportId: draft.reportId } });
    await acceptReport({ ctx: overseer, input: { reportId: draft.reportId } });
    expect((await getAgencyProfile({ ctx: other, input }))!.series.map((s) => s.reportId)).toEqual([draft.reportId]);
    expect(await versions(other)).toEqual([draft.reportId, published.reportId]);
  });
});

// The ingest CLI is another process with its own connections: only the database can tell this
// process that its cached dashboards are stale.
describe.skipIf(!process.env.TEST_DATABASE_URL)("dashboard cache across processes [postgres]", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb("postgres");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a report stored by `npm run ingest` in another process shows on this process's next read", async () => {
    const reader = ctxFor(t.db, await createTestUser(t.db, { role: "oversight", regionCode: "520000" }));
    const input = { regionCode: "520200", year: 2024, indicatorKey: "new_received" };
    const cached = await getRegionDashboard({ ctx: reader, input });
    expect(cached.coverage.received).toBe(0);
    expect(await getRegionDashboard({ ctx: reader, input })).toEqual(cached);

    const cli = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/ingest.ts"), SAMPLE_FILE], {
        env: { ...process.env, DATABASE_URL: t.url!, PGLITE_DIR: "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
    expect(cli.code, cli.out).toBe(0);

    const fresh = await getRegionDashboard({ ctx: reader, input });
    expect(fresh.coverage.received).toBe(1);
    expect(fresh.byChild.find((r) => r.key === "520281")?.reports).toBe(1);
  }, 120_000);
});
