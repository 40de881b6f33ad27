/**
 * Issue #17, a fast first start: `npm start` records a demo load, the server stores the corpus
 * while it serves, a stop between documents loses nothing, and the next start resumes where the
 * last one stopped, without storing a document twice; the cross-year checks run once at the end.
 */
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeEachDb } from "../../db/test/db";
import { ctxFor } from "../../db/test/ctx";
import { systemCtx } from "../../db/context";
import { beginDemoLoad } from "../../db/mutations/demo/demo-load";
import { getDemoLoad } from "../../db/queries/demo/get-demo-load";
import { dashboardGroups, dashboardRollupsDirty, demoLoad, findings, reports, sourceDocuments } from "../../db/schema";
import { continueDemoLoad, planDemoLoad } from "./demo-background";
import { generateCorpus } from "../../lib/demo";
import { demoCorpusOptions, loadDemoCorpus, type DemoLoadOptions } from "./demo-load";

// A handful of documents: 盘州's 2023–2024 reports, and 520625 公安局's, whose 2024 report the
// generator wrote with a carry-over that breaks from 2023 (S-X-CARRY, found only across years).
const CROSS_YEAR_AGENCY = "520625-ga";
const FEW: DemoLoadOptions = { only: { agencies: (a) => a.id === "520281-gov" || a.id === CROSS_YEAR_AGENCY, years: [2023, 2024] } };

describe("the chosen documents", () => {
  it("hold the cross-year error the load must find at its end", () => {
    const files = [...generateCorpus(demoCorpusOptions(FEW))];
    expect(files.find((f) => f.entry.agency.id === CROSS_YEAR_AGENCY && f.entry.year === 2024)?.entry.error?.rules).toContain("S-X-CARRY");
  });
});

describeEachDb("the demo corpus loads behind a serving app", (getDb) => {
  it("starts on an empty database, stops between documents, resumes without duplicates, and finishes with the cross-year checks", async () => {
    const db = getDb();
    expect(await getDemoLoad({ db })).toBeNull();
    // planDemoLoad records the full corpus's plan; this test then loads a few documents of it.
    const plan = await planDemoLoad(db, "small");
    expect(plan).toMatchObject({ action: "load", corpus: "small", resume: false, loaded: 0 });
    if (plan.action !== "load") throw new Error("unreachable");
    expect(await getDemoLoad({ db })).toMatchObject({ state: "loading", corpus: "small", planned: plan.planned, loaded: 0 });

    // A stop after two documents: they are stored and counted; nothing else is.
    const stop = new AbortController();
    const first = await loadDemoCorpus(db, FEW, { track: true, quiet: true, signal: stop.signal, onProgress: (n) => n >= 2 && stop.abort() });
    expect(first.stopped).toBe(true);
    expect(first.planned).toBeGreaterThan(3);
    const [afterStop] = await db.select({ n: count() }).from(reports);
    expect(afterStop!.n).toBe(first.done);
    expect((await getDemoLoad({ db }))?.loaded).toBe(first.done);
    expect((await getDemoLoad({ db }))?.state).toBe("loading");
    // A stop answers at once: the rollups it deferred are left marked for whoever resumes (the
    // server's load rebuilds them at its first record, `npm start` before it serves).
    const [dirty] = await db.select({ n: count() }).from(dashboardRollupsDirty);
    expect(dirty!.n).toBeGreaterThan(0);
    // No cross-year check has run yet: they are deferred to the end of the load.
    const [carryBefore] = await db.select({ n: count() }).from(findings).where(eq(findings.rule, "S-X-CARRY"));
    expect(carryBefore!.n).toBe(0);

    // A restart: the plan resumes, and the resumed load skips what is stored.
    expect(await planDemoLoad(db, "small")).toMatchObject({ action: "load", resume: true, loaded: first.done });
    const second = await loadDemoCorpus(db, FEW, { resume: true, track: true, quiet: true });
    expect(second.stopped).toBe(false);
    expect(second.done).toBe(first.planned);
    expect(second.reports).toBe(first.planned - first.done - second.failed);
    // The dashboards count everything stored: nothing is left marked, the first part included.
    const [dirtyAfter] = await db.select({ n: count() }).from(dashboardRollupsDirty);
    expect(dirtyAfter!.n).toBe(0);
    const [rolled] = await db.select({ n: count() }).from(dashboardGroups);
    expect(rolled!.n).toBeGreaterThan(0);
    const [docs] = await db.select({ n: count() }).from(sourceDocuments);
    expect(docs!.n).toBe(first.planned - second.failed);
    const status = await getDemoLoad({ db });
    expect(status).toMatchObject({ state: "done", loaded: first.planned });
    // The cross-year checks ran once, at the end, over both years.
    const [carryAfter] = await db.select({ n: count() }).from(findings).where(eq(findings.rule, "S-X-CARRY"));
    expect(carryAfter!.n).toBeGreaterThan(carryBefore!.n);

    // Done: the next start plans nothing, and the server has nothing to continue.
    expect(await planDemoLoad(db, "small")).toMatchObject({ action: "none" });
    expect(await continueDemoLoad(db)).toBeNull();
    expect(await planDemoLoad(db, "off")).toMatchObject({ action: "none", reason: expect.stringContaining("GONGKAI_DEMO=off") });
  }, 300_000);

  it("a database that already holds reports of its own is never given the demo", async () => {
    const db = getDb();
    // The database of the first test holds reports; a fresh plan (no demo_load row) must not start.
    await db.delete(demoLoad).where(eq(demoLoad.id, 1));
    const plan = await planDemoLoad(db, "on");
    expect(plan).toMatchObject({ action: "none", reason: expect.stringContaining("already holds") });
    expect(await getDemoLoad({ db })).toBeNull();
  });

  it("only the start-up script and the server's loader may record a demo load", async () => {
    const db = getDb();
    const [agency] = await db.select({ id: reports.agencyId }).from(reports).where(eq(reports.status, "published")).limit(1);
    const agencyCtx = ctxFor(db, { id: "00000000-0000-4000-8000-000000000000", role: "agency", agencyId: agency!.id, regionCode: null });
    await expect(beginDemoLoad({ ctx: agencyCtx, input: { planned: 1, corpus: "small" } })).rejects.toThrow(/npm start/);
    await beginDemoLoad({ ctx: systemCtx("test", db), input: { planned: 1, corpus: "small" } });
    expect(await getDemoLoad({ db })).toMatchObject({ state: "loading", planned: 1 });
  });
});
