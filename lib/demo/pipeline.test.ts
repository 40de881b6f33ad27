/**
 * The demo corpus through the real pipeline: extractDocument → parseDocument → validateReport
 * (+ validateCrossYear). Every figure, date, narrative figure and topic must come back as
 * generated, and the validator must raise exactly the manifest's expected rules.
 * Depends on lib/ingest/extract, lib/ingest/pipeline and lib/validate.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../ingest/extract";
import { parseDocument } from "../ingest/pipeline";
import { renderReport, RENDER_SURFACES, SURFACE_EXTENSIONS } from "../render";
import { sampleModel } from "../render/sample";
import { validateCrossYear, validateReport, validationInputFromParsed, type ValidationInput } from "../validate";
import { generateCorpus, manifestCells, type DemoFile, type DemoSample } from "./corpus";

const FIXTURE = new URL("../ingest/__fixtures__/panzhou/2024/", import.meta.url);
const sample: DemoSample = {
  bytes: new Uint8Array(readFileSync(new URL("input.txt", FIXTURE))),
  expected: JSON.parse(readFileSync(new URL("expected.json", FIXTURE), "utf8")) as DemoSample["expected"],
};

describe("demo corpus through extract + parse + validate", () => {
  it("renders the sample's figures in every surface format and reads them back", async () => {
    const model = { ...sampleModel(new TextDecoder().decode(sample.bytes), sample.expected), publishedOn: "2025-01-20", issuer: "盘州市人民政府办公室" };
    for (const surface of RENDER_SURFACES) {
      const doc = await extractDocument(renderReport(model, surface), `panzhou-2024.${SURFACE_EXTENSIONS[surface]}`);
      const parsed = parseDocument(doc);
      expect(parsed.formatVersion, surface).toBe("2021");
      expect(parsed.year, surface).toBe(2024);
      for (const [k, v] of Object.entries(sample.expected.cells)) expect(parsed.cells[k]?.value ?? null, `${surface} ${k}`).toBe(v);
      expect(parsed.narrative.carried_over?.value, surface).toBe(4);
    }
  }, 120_000);

  it("reads back every 六盘水 report as generated and finds exactly the expected rules", async () => {
    const files: DemoFile[] = [];
    const gen = generateCorpus({ seed: 20250101, prefectures: ["520200"], sample });
    for (let s = gen.next(); !s.done; s = gen.next()) files.push(s.value);
    expect(files.length).toBeGreaterThan(300);
    const prevByAgency = new Map<string, ValidationInput>();
    const problems: string[] = [];
    let statedCounts = 0;
    for (const f of files) {
      const e = f.entry;
      const parsed = parseDocument(await extractDocument(f.bytes, f.path.split("/").pop() ?? f.path));
      const want = manifestCells(e);
      for (const [k, v] of Object.entries(want)) if ((parsed.cells[k]?.value ?? null) !== v) problems.push(`${f.path} ${k}: want ${v}, got ${parsed.cells[k]?.value}`);
      if (parsed.year !== e.year) problems.push(`${f.path} year ${parsed.year}`);
      if (parsed.formatVersion !== e.format_version) problems.push(`${f.path} format ${parsed.formatVersion}`);
      if (parsed.agencyName !== e.agency.name) problems.push(`${f.path} agency ${parsed.agencyName}`);
      if (parsed.scope !== e.scope) problems.push(`${f.path} scope ${parsed.scope}`);
      if ((parsed.publishedOn ?? null) !== e.published_on) problems.push(`${f.path} date ${parsed.publishedOn} ≠ ${e.published_on}`);
      const narrative = Object.fromEntries(Object.entries(parsed.narrative).map(([k, x]) => [k, x?.value]));
      expect(narrative, f.path).toEqual(e.narrative);
      expect([...new Set(parsed.topics.map((t) => t.key))].sort(), f.path).toEqual([...e.topics].sort());
      expect(Object.fromEntries(parsed.topicCounts.map((c) => [c.key, c.count])), f.path).toEqual(e.topic_counts);
      if (Object.keys(e.topic_counts).length > 0) statedCounts += 1;

      const input = validationInputFromParsed(parsed, e.agency.kind);
      expect(input, f.path).not.toBeNull();
      if (!input) continue;
      const prev = prevByAgency.get(e.agency.id);
      const findings = [...validateReport(input), ...(prev && prev.year === e.year - 1 ? validateCrossYear(input, prev) : [])];
      prevByAgency.set(e.agency.id, input);
      const got = [...new Set(findings.filter((x) => x.severity !== "info").map((x) => x.rule))].sort();
      if (got.join() !== e.expected_rules.join()) problems.push(`${f.path} rules: want [${e.expected_rules.join(",")}], got [${got.join(",")}]`);
      if (e.error?.blame.length === 1 && e.error.kind === "wrong_total") {
        const blamed = findings.flatMap((x) => x.blame);
        expect(blamed, f.path).toContain(e.error.blame[0]);
      }
    }
    expect(problems).toEqual([]);
    // Some reports state per-topic counts, most do not (as in real 年报).
    expect(statedCounts).toBeGreaterThan(20);
    expect(statedCounts).toBeLessThan(files.length / 2);
  }, 300_000);
});
