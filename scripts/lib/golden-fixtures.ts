/**
 * The golden fixture tree (lib/ingest/__fixtures__): every folder with an `expected.json` and one
 * `input.*` is a fixture, its id the folder path below the root. `{"same_as": "…"}` reuses another
 * fixture's expectations (the same report in another surface or producer), with overrides; an
 * override of null removes the field. Shared by lib/ingest/golden.test.ts and bench-accuracy.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expectedFixtureSchema, type ExpectedFixture } from "../../lib/ingest/golden";

export const FIXTURE_ROOT = "lib/ingest/__fixtures__";

export interface GoldenFixture {
  /** Folder path below the root ("producers/libreoffice/ruled-520200-gov-2023"). */
  id: string;
  dir: string;
  /** The input file's name ("input.pdf"). */
  input: string;
  /** Who made the input: real, libreoffice, chromium, pdftotext-layout, … or ours (our renderer). */
  family: string;
  expected: ExpectedFixture;
}

function findDirs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (!statSync(p).isDirectory()) continue;
    if (existsSync(path.join(p, "expected.json"))) out.push(p);
    else out.push(...findDirs(p));
  }
  return out;
}

function loadRaw(dir: string, seen: readonly string[] = []): Record<string, unknown> {
  if (seen.includes(dir)) throw new Error(`same_as loop: ${[...seen, dir].join(" → ")}`);
  const raw = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Record<string, unknown>;
  const sameAs = raw.same_as;
  if (typeof sameAs !== "string") return raw;
  const { same_as: _sameAs, note: _note, ...overrides } = raw;
  const merged: Record<string, unknown> = { ...loadRaw(path.dirname(path.resolve(dir, sameAs)), [...seen, dir]), ...overrides };
  for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
  return merged;
}

/** The expected file with same_as resolved, validated (a typo in a fixture fails loudly). */
export function loadExpected(dir: string): ExpectedFixture {
  const parsed = expectedFixtureSchema.safeParse(loadRaw(dir));
  if (!parsed.success) throw new Error(`${dir}/expected.json: ${parsed.error.message}`);
  return parsed.data;
}

export function familyOf(id: string): string {
  const [top, second] = id.split("/");
  if (top === "producers" && second) return second;
  if (top === "real") return "real";
  return "ours";
}

export function listGoldenFixtures(root = FIXTURE_ROOT): GoldenFixture[] {
  return findDirs(root).map((dir) => {
    const id = path.relative(root, dir).split(path.sep).join("/");
    const inputs = readdirSync(dir).filter((f) => f.startsWith("input."));
    if (inputs.length !== 1) throw new Error(`${id}: expected one input.* file, found ${inputs.length}`);
    return { id, dir, input: inputs[0] ?? "", family: familyOf(id), expected: loadExpected(dir) };
  });
}
