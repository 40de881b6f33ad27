/**
 * Golden fixtures: every `lib/ingest/__fixtures__/<name>/<year>/input.*` with an `expected.json`
 * beside it goes through the whole pure pipeline (extract → parse → validate) and must give what
 * the expected file states. `{"same_as": "…"}` reuses another fixture's expectations (the same
 * report rendered in another surface format), with overrides. Known failures go in SKIP with a reason.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDocument, toDryRunLine } from "./analyze";

const ROOT = "lib/ingest/__fixtures__";

/** Fixture id → why it is skipped. Empty is the goal; every entry needs a reason. */
const SKIP: Record<string, string> = {};

interface Expected {
  format_version?: string | null;
  year?: number | null;
  agency?: { name?: string; admin_code?: string; kind?: string };
  scope?: string;
  cells?: Record<string, number | null>;
  topics?: string[];
  narrative?: Record<string, number>;
  expected_findings?: { rule: string; cells: string[]; severity: string }[];
}

function findFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (existsSync(path.join(p, "expected.json"))) out.push(p);
    else out.push(...findFixtures(p));
  }
  return out;
}

/** Reads expected.json; with `same_as`, the referenced file's fields apply unless overridden (null = not checked). */
function loadExpected(dir: string): Expected {
  const raw = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected & { same_as?: string; note?: string };
  if (!raw.same_as) return raw;
  const { same_as, note: _note, ...overrides } = raw;
  const base = loadExpected(path.dirname(path.resolve(dir, same_as)));
  const merged: Record<string, unknown> = { ...base, ...overrides };
  for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
  return merged;
}

const fixtures = findFixtures(ROOT);

describe("golden fixtures", () => {
  it("finds the fixture corpus", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  for (const dir of fixtures) {
    const id = path.relative(ROOT, dir);
    const input = readdirSync(dir).find((f) => f.startsWith("input."));
    const test = SKIP[id] ? it.skip : it;
    test(`${id} (${input})`, async () => {
      if (!input) throw new Error(`${id}: no input.* file`);
      const expected = loadExpected(dir);
      const bytes = new Uint8Array(readFileSync(path.join(dir, input)));
      const line = toDryRunLine(input, await analyzeDocument(bytes, input));
      expect(line.ok).toBe(true);
      if (expected.format_version !== undefined) expect(line.format_version).toBe(expected.format_version);
      if (expected.year !== undefined) expect(line.year).toBe(expected.year);
      if (expected.agency?.name) expect(line.agency.name).toBe(expected.agency.name);
      if (expected.agency?.admin_code) expect(line.agency.admin_code).toBe(expected.agency.admin_code);
      if (expected.scope) expect(line.scope).toBe(expected.scope);
      if (expected.cells) {
        const wrong = Object.entries(expected.cells)
          .filter(([k, v]) => line.cells[k] !== v)
          .map(([k, v]) => `${k}: expected ${String(v)}, got ${String(line.cells[k])}`);
        expect(wrong).toEqual([]);
      }
      if (expected.topics) expect([...line.topics].sort()).toEqual([...expected.topics].sort());
      if (expected.narrative) expect(line.narrative).toEqual(expected.narrative);
      if (expected.expected_findings) {
        const errors = line.findings.filter((f) => f.severity === "error");
        const want = expected.expected_findings.filter((f) => f.severity === "error");
        expect(errors.map((f) => f.rule).sort()).toEqual(want.map((f) => f.rule).sort());
        for (const w of want) {
          const f = errors.find((e) => e.rule === w.rule);
          for (const c of w.cells) expect([...(f?.cells ?? []), ...(f?.blame ?? [])]).toContain(c);
        }
      }
    });
  }
});
