/**
 * Cell values: what a table cell says, before it is tied to a catalog key.
 * A cell is a number, an explicit empty marker (blank, "/", "—", "无"), or a label.
 */
import type { NullReason } from "../../catalog";

export type CellReading =
  | { kind: "number"; value: number; unit: string | null }
  | { kind: "null"; reason: Exclude<NullReason, "absent"> }
  /** Looks like a value (digits, short) but is not a number we can read: "约5", "3(件)". */
  | { kind: "unparsable" }
  | { kind: "label" };

const PLAIN_INT = /^\s*\d{1,12}\s*$/u;
const STRIP = /[\s\u200b-\u200d\ufeff]+|&nbsp;?/giu;
const PIPES = /^\|+|\|+$/gu;
const SLASH = /^[/\\]+$/u;
const DASH = /^[-‐‑‒–—―─━~]+$/u;
const TEXT_NULLS: ReadonlySet<string> = new Set([
  "无",
  "暂无",
  "没有",
  "空",
  "空白",
  "N/A",
  "NA",
  "n/a",
  "na",
  "null",
  "NULL",
  "不适用",
  "未涉及",
  "不涉及",
  "无数据",
  "未发生",
  "未统计",
]);
const ZERO_WORDS: ReadonlySet<string> = new Set(["零", "〇"]);
// sign, integer with optional thousands separators, decimals, optional unit
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万元|元|万|件|个|条|份|项|次|人|宗|起|%)?$/u;
const HAS_DIGIT = /\d/u;
const CJK = /[\u3400-\u9fff]/gu;
const NUMBERED_LABEL = /^\(?\d{1,2}[.、)]/u;

/** Read one cell's text. Never throws. */
export function readCell(raw: string): CellReading {
  if (PLAIN_INT.test(raw)) return { kind: "number", value: Number(raw.trim()), unit: null };
  const stripped = raw.normalize("NFKC").replace(STRIP, "");
  // A web table flattened to "33 |" lines and pasted into Word keeps the column bar beside each
  // value: a person reads 33. A bar alone stays what it is (a separator, read as a label).
  const unbarred = stripped.replace(PIPES, "");
  const t = unbarred.length > 0 ? unbarred : stripped;
  if (t.length === 0) return { kind: "null", reason: "blank" };
  if (SLASH.test(t)) return { kind: "null", reason: "slash" };
  if (DASH.test(t)) return { kind: "null", reason: "dash" };
  if (TEXT_NULLS.has(t)) return { kind: "null", reason: "text" };
  if (ZERO_WORDS.has(t)) return { kind: "number", value: 0, unit: null };
  const m = NUMBER.exec(t);
  if (m) {
    const int = (m[2] ?? "0").replace(/,/gu, "");
    const value = Number(`${m[1] === "-" ? "-" : ""}${int}${m[3] ? `.${m[3]}` : ""}`);
    if (Number.isFinite(value)) return { kind: "number", value, unit: m[4] ?? null };
  }
  if (HAS_DIGIT.test(t) && t.length <= 16 && !NUMBERED_LABEL.test(t)) {
    const cjk = t.match(CJK)?.length ?? 0;
    if (cjk <= 2) return { kind: "unparsable" };
  }
  return { kind: "label" };
}

/** True for a blank cell (padding in the flattened text is blank too). */
export function isBlank(r: CellReading): boolean {
  return r.kind === "null" && r.reason === "blank";
}
