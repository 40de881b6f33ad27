import { readFileSync } from "node:fs";
import { beforeAll, expect, it } from "vitest";
import { computeIndicator, getIndicator } from "../../../lib/indicators";
import { parseCompareParams, type CompareParams } from "../../../lib/export/compare-params";
import { analyzeDocument, type AnalyzedDocument } from "../../../lib/ingest/analyze";
import { AccessDeniedError, systemCtx, type Ctx } from "../../context";
import { ingestReport } from "../../mutations/report/ingest-report";
import { ctxFor } from "../../test/ctx";
import { describeEachDb } from "../../test/db";
import { createTestAgency, createTestReport, createTestUser } from "../../test/factories";
import { findCompareAgencies } from "./find-compare-agencies";
import { getComparison } from "./get-comparison";

const SAMPLE = readFileSync("lib/ingest/__fixtures__/panzhou/2024/input.txt");

function params(qs: string): CompareParams {
  const r = parseCompareParams(new URLSearchParams(qs));
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

/** The indicator straight from the analysed document: the in-memory path the query must agree with. */
function expected(analyzed: AnalyzedDocument, key: string) {
  const cells: Record<string, number | null> = { ...analyzed.derived };
  for (const [k, c] of Object.entries(analyzed.parsed.cells)) cells[k] = c.value;
  return computeIndicator(getIndicator(key), { formatVersion: analyzed.parsed.formatVersion, scope: analyzed.parsed.scope, year: analyzed.parsed.year!, cells });
}

describeEachDb("getComparison", (getDb) => {
  let ctx: Ctx;
  let analyzed: AnalyzedDocument;
  let govId: string;
  let peerId: string;

  beforeAll(async () => {
    ctx = systemCtx("test", getDb());
    // 盘州市人民政府 (520281): the real sample, published for 2023 and 2024 (same figures), and a
    // 2025 draft with different bytes that no comparison may show.
    for (const year of [2023, 2024]) {
      const bytes = new Uint8Array([...SAMPLE, ...Buffer.from(`\n${year}`)]);
      analyzed = await analyzeDocument(bytes, `pz${year}.txt`, { agencyName: "盘州市人民政府", year });
      const r = await ingestReport({ ctx, input: { bytes, fileName: `pz${year}.txt`, analyzed } });
      if (r.status !== "created") throw new Error(`ingest failed: ${JSON.stringify(r)}`);
      govId = r.agencyId;
    }
    const draftBytes = new Uint8Array([...SAMPLE, ...Buffer.from("\ndraft")]);
    const draft = await analyzeDocument(draftBytes, "pz2025.txt", { agencyName: "盘州市人民政府", year: 2025 });
    expect((await ingestReport({ ctx, input: { bytes: draftBytes, fileName: "pz2025.txt", analyzed: draft, status: "draft" } })).status).toBe("created");

    // A second county government of 六盘水市 with exact figures.
    const peer = await createTestAgency(getDb(), { name: `钟山区测试人民政府${Math.random().toString(36).slice(2, 6)}`, regionCode: "520201" });
    peerId = peer.id;
    for (const [year, denied, handled] of [
      [2023, 2, 40],
      [2024, 9, 30],
    ] as const) {
      await createTestReport(getDb(), { agencyId: peer.id, year, regionCode: "520201", cells: { "t3.denied_total.total": denied, "t3.handled_total.total": handled } });
    }
  });

  it("finds a government by its admin code and computes each year from its current published report", async () => {
    const r = await getComparison({ ctx, input: { params: params("agency=520281&year=2023-2025&indicator=refusal_rate&indicator=granted_rate") } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value;
    expect(c.agencies).toEqual([expect.objectContaining({ id: govId, name: "盘州市人民政府", adminCode: "520281", kind: "government" })]);
    expect(c.years).toEqual([2023, 2024, 2025]);
    for (const key of ["refusal_rate", "granted_rate"]) {
      const want = expected(analyzed, key);
      const v2024 = c.values.find((v) => v.indicatorKey === key && v.year === 2024)!;
      expect(v2024).toMatchObject({ numerator: want.numerator, denominator: want.denominator, value: want.value, smallSample: want.smallSample });
      expect(v2024.reportId).toBeTruthy();
    }
    expect(c.values.find((v) => v.indicatorKey === "granted_rate" && v.year === 2024)).toMatchObject({ numerator: 12, denominator: 34 });
    // The 2025 draft is not published: no value, for anyone (the system included).
    expect(c.values.filter((v) => v.year === 2025).every((v) => v.reason === "no_report" && v.value === null)).toBe(true);
  });

  it("expands a peer group and gives the median of the compared agencies per year", async () => {
    const r = await getComparison({ ctx, input: { params: params(`group=government:county:5202&year=2023-2024&view=ranking`) } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ids = r.value.agencies.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([govId, peerId]));
    expect(r.value.groups[0]).toMatchObject({ key: "government:county:5202", label: { zh: "六盘水市 · 县级人民政府" } });
    const peer2024 = r.value.values.find((v) => v.agencyId === peerId && v.year === 2024)!;
    expect(peer2024).toMatchObject({ numerator: 9, denominator: 30, value: 0.3, smallSample: false });
    const gov2024 = expected(analyzed, "refusal_rate").value!;
    const m = r.value.medians.find((x) => x.year === 2024)!;
    expect(m.n).toBe(2);
    expect(m.median).toBeCloseTo((gov2024 + 0.3) / 2, 12);
  });

  it("an agency user of another agency sees the same published figures, and never the draft", async () => {
    // Its agency is another government placed at 520281: the code still means 盘州市人民政府.
    const user = await createTestUser(getDb(), { role: "agency" });
    const r = await getComparison({ ctx: ctxFor(getDb(), user), input: { params: params("agency=520281&year=2024-2025") } });
    expect(r.ok && r.value.values.map((v) => [v.year, v.value === null ? null : "value"])).toEqual([
      [2024, "value"],
      [2025, null],
    ]);
  });

  it("reports unknown agencies, empty groups and too many series as typed errors", async () => {
    const unknownId = "00000000-0000-4000-8000-000000000000";
    const r1 = await getComparison({ ctx, input: { params: params(`agency=${unknownId}&agency=520281&agency=529999`) } });
    expect(!r1.ok && r1.error).toMatchObject({ code: "unknown_agency", values: [unknownId, "529999"] });
    expect(!r1.ok && r1.error.message.zh).toContain("529999");

    const r2 = await getComparison({ ctx, input: { params: params("group=dev_zone:township:5202") } });
    expect(!r2.ok && r2.error.code).toBe("empty_group");

    for (let i = 0; i < 51; i += 1) await createTestAgency(getDb(), { kind: "other", level: "county", regionCode: "520203", name: `批量测试机关${i}-${Math.random()}` });
    const r3 = await getComparison({ ctx, input: { params: params("group=other:county:520203") } });
    expect(!r3.ok && r3.error.code).toBe("too_many_series");
  });

  it("refuses a context without a viewer", async () => {
    await expect(getComparison({ ctx: { db: getDb() } as unknown as Ctx, input: { params: params("agency=520281") } })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("searches agencies by name and by admin code, governments first", async () => {
    const byName = await findCompareAgencies({ ctx, input: { q: "盘州" } });
    expect(byName[0]).toMatchObject({ id: govId, name: "盘州市人民政府", adminCode: "520281" });
    const byCode = await findCompareAgencies({ ctx, input: { q: "520200" } });
    expect(byCode.map((h) => h.id)).toEqual(expect.arrayContaining([govId, peerId]));
  });
});
