import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { T3_APPLICANT_COLS } from "../catalog";
import { countCorpus, generateCorpus, manifestCells, manifestEntryLine, manifestHead, manifestTail, type CorpusSummary, type DemoCorpusOptions, type DemoSample, type ManifestReport } from "./corpus";

const FIXTURE = new URL("../ingest/__fixtures__/panzhou/2024/", import.meta.url);
const sample: DemoSample = {
  bytes: new Uint8Array(readFileSync(new URL("input.txt", FIXTURE))),
  expected: JSON.parse(readFileSync(new URL("expected.json", FIXTURE), "utf8")) as DemoSample["expected"],
};

function run(opts: DemoCorpusOptions): { hash: string; entries: ManifestReport[]; summary: CorpusSummary; manifest: string; sampleBytes: Uint8Array | null } {
  const h = createHash("sha256");
  const entries: ManifestReport[] = [];
  const lines: string[] = [manifestHead(opts)];
  let sampleBytes: Uint8Array | null = null;
  const gen = generateCorpus(opts);
  for (;;) {
    const step = gen.next();
    if (step.done) {
      lines.push(manifestTail(step.value));
      return { hash: h.digest("hex"), entries, summary: step.value, manifest: lines.join(""), sampleBytes };
    }
    const f = step.value;
    h.update(f.path);
    h.update(f.bytes);
    lines.push(manifestEntryLine(f.entry, entries.length === 0));
    h.update(lines[lines.length - 1] ?? "");
    entries.push(f.entry);
    if (f.entry.source === "real") sampleBytes = f.bytes;
  }
}

describe("generateCorpus: determinism", () => {
  const opts: DemoCorpusOptions = { seed: 42, prefectures: ["520000", "520200"], sample };
  it("gives the same bytes and manifest for the same seed, and different ones for another seed", () => {
    const a = run(opts);
    const b = run(opts);
    expect(a.entries.length).toBeGreaterThan(400);
    expect(b.hash).toBe(a.hash);
    expect(run({ ...opts, seed: 43 }).hash).not.toBe(a.hash);
  });

  it("leaves the base agencies' figures alone when --scale adds agencies", () => {
    const base = run({ ...opts, prefectures: ["520200"] }).entries.filter((e) => e.scope === "self");
    const scaled = new Map(run({ ...opts, prefectures: ["520200"], scale: 2 }).entries.map((e) => [e.path, e]));
    expect(scaled.size).toBeGreaterThan(base.length + 100);
    for (const e of base) expect(scaled.get(e.path)?.cells, e.path).toEqual(e.cells);
  });
});

describe("generateCorpus: the default demo (scale 1)", () => {
  let r: ReturnType<typeof run>;
  beforeAll(() => {
    r = run({ seed: 20250101, sample });
  }, 300_000);

  it("has ~600 agencies and a few thousand reports, with a few missing", () => {
    expect(r.summary.agencies).toBe(596);
    expect(r.entries.length).toBe(r.summary.reports);
    expect(r.summary.reports).toBeGreaterThan(3300);
    expect(r.summary.reports).toBeLessThan(3600);
    expect(r.summary.missing.length).toBeGreaterThan(10);
    expect(r.summary.missing.length / (r.summary.reports + r.summary.missing.length)).toBeLessThan(0.05);
    expect(new Set(r.entries.map((e) => e.path)).size).toBe(r.entries.length);
  });

  it("mixes surface formats ~55/25/10/10 with a third of the HTML in GBK", () => {
    const n = r.entries.length;
    const share = (s: string) => r.entries.filter((e) => e.surface === s).length / n;
    expect(share("text")).toBeGreaterThan(0.5);
    expect(share("text")).toBeLessThan(0.6);
    const html = share("html") + share("html-gbk");
    expect(html).toBeGreaterThan(0.2);
    expect(html).toBeLessThan(0.3);
    expect(share("html-gbk") / html).toBeGreaterThan(0.25);
    expect(share("html-gbk") / html).toBeLessThan(0.42);
    for (const s of ["docx", "pdf"]) {
      expect(share(s)).toBeGreaterThan(0.07);
      expect(share(s)).toBeLessThan(0.13);
    }
  });

  it("uses the 2019 format for 2019–2020 and the 2021 format after", () => {
    for (const e of r.entries) expect(e.format_version).toBe(e.year <= 2020 ? "2019" : "2021");
  });

  it("injects one error into 2–5% of reports, each with the rule ids the validator must raise", () => {
    const injected = r.entries.filter((e) => e.error?.source === "injected");
    expect(injected.length / r.entries.length).toBeGreaterThan(0.02);
    expect(injected.length / r.entries.length).toBeLessThan(0.05);
    const signature: Record<string, RegExp> = {
      wrong_total: /^H-T3-COL$/,
      blank_totals: /^S-BLANK-TOTAL$/,
      narrative_mismatch: /^S-N-(NEW|CO|DONE|CF|REV|LIT)$/,
      broken_carry: /^S-X-CARRY$/,
      copied_narrative: /^S-X-DUP$/,
    };
    for (const [kind, re] of Object.entries(signature)) {
      const of = injected.filter((e) => e.error?.kind === kind);
      expect(of.length, kind).toBeGreaterThan(3);
      for (const e of of) {
        expect(e.error?.rules.some((x) => re.test(x)), `${e.path} ${e.error?.rules.join()}`).toBe(true);
        expect(e.expected_rules).toEqual(expect.arrayContaining(e.error?.rules ?? []));
      }
    }
    for (const e of injected.filter((x) => x.error?.kind === "blank_totals")) expect(e.error?.rules).toEqual(["S-BLANK-TOTAL"]);
  });

  it("expects nothing of clean reports but lateness, which only departments and governments can be", () => {
    for (const e of r.entries.filter((x) => x.error === null)) {
      const late = e.late && e.published_on !== null && e.agency.kind !== "township";
      expect(e.expected_rules, e.path).toEqual(late ? ["S-TIMELY"] : []);
    }
    const deps = r.entries.filter((e) => e.agency.kind === "department" && !e.late && e.published_on);
    for (const e of deps) expect(e.published_on! <= `${e.year + 1}-01-31`).toBe(true);
    expect(r.summary.late / r.entries.length).toBeLessThan(0.08);
  });

  it("includes the real 盘州 2024 report verbatim, carried into from a consistent 2023", () => {
    const s = r.entries.find((e) => e.source === "real");
    expect(s?.path).toBe("5202-六盘水市/520281-盘州市人民政府-2024.txt");
    expect(Buffer.from(r.sampleBytes ?? []).equals(Buffer.from(sample.bytes))).toBe(true);
    expect(s?.expected_rules).toEqual(expect.arrayContaining(["H-T3-BAL", "H-T3-COL"]));
    expect(s?.error?.blame).toEqual(["t3.carried_over.total"]);
    const y2023 = r.entries.find((e) => e.agency.id === "520281-gov" && e.year === 2023);
    expect(y2023?.error).toBeNull();
    const c = manifestCells(y2023!);
    expect(c["t3.carried_forward.natural_person"]).toBe(4);
    expect(c["t3.carried_forward.total"]).toBe(4);
    expect(c["t2.normative_doc.in_force"]).toBe(43);
  });

  it("carries forward from year to year for every agency without an injected error", () => {
    const byAgency = new Map<string, ManifestReport[]>();
    for (const e of r.entries) byAgency.set(e.agency.id, [...(byAgency.get(e.agency.id) ?? []), e]);
    let pairs = 0;
    for (const list of byAgency.values()) {
      for (let i = 1; i < list.length; i++) {
        const [p, c] = [list[i - 1]!, list[i]!];
        if (c.year !== p.year + 1 || p.error || c.error) continue;
        const pc = manifestCells(p);
        const cc = manifestCells(c);
        for (const col of [...T3_APPLICANT_COLS, "total"]) expect(cc[`t3.carried_over.${col}`], `${c.path} ${col}`).toBe(pc[`t3.carried_forward.${col}`]);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(2500);
  });

  it("has region-aggregate reports that cover at least their constituents", () => {
    const agg = r.entries.filter((e) => e.scope === "region_aggregate");
    expect(new Set(agg.map((e) => e.agency.id)).size).toBe(4);
    for (const a of agg) {
      const code = a.agency.region_code;
      const inside = r.entries.filter((e) => e.year === a.year && e.scope === "self" && e.agency.id !== a.agency.id && (code.endsWith("00") ? e.agency.region_code.startsWith(code.slice(0, 4)) : e.agency.region_code.startsWith(code)));
      const sum = inside.reduce((s, e) => s + (manifestCells(e)["t3.new_received.total"] ?? 0), 0);
      expect(manifestCells(a)["t3.new_received.total"]).toBeGreaterThanOrEqual(sum);
    }
  });

  it("writes a manifest that parses as JSON", () => {
    const m = JSON.parse(r.manifest) as { cell_keys: Record<string, string[]>; reports: ManifestReport[]; missing: unknown[]; summary: { reports: number } };
    expect(m.cell_keys["2021"]).toHaveLength(200);
    expect(m.cell_keys["2019"]).toHaveLength(198);
    expect(m.reports).toHaveLength(r.entries.length);
    expect(m.summary.reports).toBe(r.entries.length);
  });
});

const plainFiles = (seed: number) => [...generateCorpus({ seed, prefectures: ["520200"], years: [2023, 2024] })];

describe("the end-to-end corpus's extra peer group", () => {
  it("adds every county government's report for the chosen years and leaves 六盘水市's files alone", () => {
    const small = [...generateCorpus({ seed: 7, prefectures: ["520200"], years: [2023, 2024], also: { agencies: (a) => a.kind === "government" && a.level === "county", years: [2024] } })];
    const extra = small.filter((f) => f.entry.agency.prefecture_code !== "520200");
    expect(extra.every((f) => f.entry.year === 2024 && f.entry.agency.kind === "government" && f.entry.agency.level === "county")).toBe(true);
    // 88 county-level units, 4 of them in 六盘水市; a few agency-years are drawn as missing. Outside
    // 六盘水市 the year before is not written, so their bytes may differ from the full corpus's
    // (no carry-over error can be injected without a previous report), as the load expects.
    expect(new Set(extra.map((f) => f.entry.agency.id)).size).toBeGreaterThan(80);
    const plain = [...generateCorpus({ seed: 7, prefectures: ["520200"], years: [2023, 2024] })];
    const lps = small.filter((f) => f.entry.agency.prefecture_code === "520200");
    expect(lps.map((f) => f.path)).toEqual(plain.map((f) => f.path));
    for (const [i, f] of lps.entries()) expect(Buffer.from(f.bytes).equals(Buffer.from(plain[i]!.bytes)), f.path).toBe(true);
  });

  it("is counted exactly before it is rendered, so a load shows n of N from its first document", () => {
    const opts: DemoCorpusOptions = { seed: 7, prefectures: ["520200"], years: [2023, 2024], also: { agencies: (a) => a.kind === "government" && a.level === "county", years: [2024] } };
    const files = [...generateCorpus(opts)];
    const counted = countCorpus(opts);
    expect(counted.files).toBe(files.length);
    // Some agency-years are drawn as missing: the file count is not the agency-year count.
    expect(counted.agencyYears).toBeGreaterThan(counted.files);
    expect(countCorpus({ seed: 7, prefectures: ["520200"], years: [2023, 2024] }).files).toBe(plainFiles(7).length);
  });
});
