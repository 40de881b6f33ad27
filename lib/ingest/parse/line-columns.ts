/**
 * Columns of a table read from lines: which catalog column each value is in.
 *
 * Rows whose values line up form a segment (a table continued on the next page, or re-laid by
 * pdftotext, starts a new one). A segment has as many columns as its rows have values; rows with
 * fewer values (blank cells) join it when each value sits in a different column. Segments are
 * named from the header above the table: its pieces are stacked by position into column headings
 * ("商业企" over "业"); a heading reaching over several stacks is a group (法人或其他组织) and
 * names nothing. A segment is named by the header only when every one of its columns sits under a
 * heading, so a shifted page can never be named one column off; a later segment with the same
 * number of columns takes the names of the one before it (the header is printed once).
 */
import type { LLine, LToken } from "./lines";
import { labelKey } from "../normalize";

export interface Column {
  x0: number;
  x1: number;
  /** Mean centre of the values seen in it. */
  mid: number;
  /** Catalog column key, once named. */
  key: string | null;
}

export interface Segment {
  cols: Column[];
  /** Indices (into the rows given) of the rows in this segment. */
  rows: number[];
  /** How the columns were named. */
  naming: "header" | "inherited" | "official" | null;
  /**
   * Every catalog column the table's header names anywhere, set when the header was read: a column
   * it names but no value sits under is printed and left blank; one it does not name is not printed.
   */
  headerNamed?: ReadonlySet<string>;
}

export interface HeaderStack {
  x0: number;
  x1: number;
  /** The pieces top to bottom; `text` joins them. */
  parts: string[];
  text: string;
}

interface Positioned {
  values: LToken[];
}

const center = (t: LToken) => ((t.x0 ?? 0) + (t.x1 ?? 0)) / 2;

function pitchOf(cols: readonly Column[]): number {
  let p = Infinity;
  for (let i = 1; i < cols.length; i++) p = Math.min(p, (cols[i] as Column).mid - (cols[i - 1] as Column).mid);
  return p;
}

/** The column whose cell (gap middles on either side) holds x; -1 if none. */
export function columnOf(cols: readonly Column[], x: number): number {
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i] as Column;
    const prev = cols[i - 1];
    const next = cols[i + 1];
    const left = prev ? (prev.x1 + c.x0) / 2 : -Infinity;
    const right = next ? (c.x1 + next.x0) / 2 : Infinity;
    if (x >= left && x < right) return i;
  }
  return -1;
}

/** Places each value in a distinct column of `cols` near its centre, or null when they do not fit. */
export function placeValues(cols: readonly Column[], values: readonly LToken[]): Map<number, LToken> | null {
  const pitch = pitchOf(cols);
  const placed = new Map<number, LToken>();
  for (const t of values) {
    const i = columnOf(cols, center(t));
    const c = cols[i];
    if (!c || placed.has(i)) return null;
    if (Number.isFinite(pitch) && Math.abs(center(t) - c.mid) > 0.5 * pitch) return null;
    placed.set(i, t);
  }
  return placed;
}

/** Segments of aligned rows; null when the rows have no positions in one unit. */
export function segmentRows(rows: readonly Positioned[]): { segments: Segment[]; segmentOf: number[] } {
  const segments: Segment[] = [];
  const segmentOf = rows.map(() => -1);
  const counts: number[][] = [];
  rows.forEach((r, ri) => {
    const vals = r.values.filter((t) => t.kind !== "blank");
    if (vals.length === 0) return;
    const cur = segments[segments.length - 1];
    if (cur && vals.length === cur.cols.length) {
      const pitch = pitchOf(cur.cols);
      const aligned = vals.every((t, i) => !Number.isFinite(pitch) || Math.abs(center(t) - (cur.cols[i] as Column).mid) <= 0.35 * pitch);
      if (aligned) {
        const n = counts[segments.length - 1] as number[];
        vals.forEach((t, i) => {
          const c = cur.cols[i] as Column;
          n[i] = (n[i] ?? 1) + 1;
          c.x0 = Math.min(c.x0, t.x0 ?? c.x0);
          c.x1 = Math.max(c.x1, t.x1 ?? c.x1);
          c.mid += (center(t) - c.mid) / (n[i]);
        });
        cur.rows.push(ri);
        segmentOf[ri] = segments.length - 1;
        return;
      }
    }
    if (cur && vals.length < cur.cols.length && cur.cols.length > 1 && placeValues(cur.cols, vals)) {
      cur.rows.push(ri);
      segmentOf[ri] = segments.length - 1;
      return;
    }
    segments.push({ cols: vals.map((t) => ({ x0: t.x0 ?? 0, x1: t.x1 ?? 0, mid: center(t), key: null })), rows: [ri], naming: null });
    counts.push(vals.map(() => 1));
    segmentOf[ri] = segments.length - 1;
  });
  return { segments, segmentOf };
}

const SLASH = /^[/／]$/u;

/** A piece of a word spread over its cell: one character of text, or the "/" of 增/减. (Two-character
 * pieces are whole words as often as halves: "社会" "法律" of headings wrapped side by side.) */
function isSpreadPiece(t: LToken): boolean {
  const text = t.text.trim();
  return t.x0 !== null && t.x1 !== null && ((t.kind === "label" && Array.from(text).length === 1 && !/\d/u.test(text)) || SLASH.test(text));
}

/**
 * Words spread over their cell (分散对齐: "自  然  人", "信   息   内   容", each character its own
 * piece with wide gaps) joined back into one label, so a heading is matched by its text. A
 * sequence of pieces is cut where a gap is much wider than those beside it, and — when the value
 * columns are given — joined only within one column's cell: single characters standing one above
 * each narrow column ("结 结 其 尚 总", headings written one character per line) stay separate
 * headings, and the evenly set words of neighbouring narrow cells ("社会" "法律") stay apart.
 */
export function joinSpreadPieces(tokens: readonly LToken[], unit: string | null, cols?: readonly Column[]): LToken[] {
  const out: LToken[] = [];
  let run: LToken[] = [];
  const minTol = unit === "ch" ? 1.01 : 1.5;
  const flush = () => {
    const first = run[0];
    const last = run[run.length - 1];
    const join = (pieces: LToken[]) => {
      const a = pieces[0];
      const b = pieces[pieces.length - 1];
      if (a && b && pieces.length >= 2 && pieces.some((t) => !SLASH.test(t.text.trim()))) out.push({ ...a, kind: "label", text: pieces.map((t) => t.text.trim()).join(""), x1: b.x1 });
      else out.push(...pieces);
    };
    if (first && last && cols && cols.filter((c) => c.mid >= (first.x0 ?? 0) && c.mid <= (last.x1 ?? 0)).length > 1) {
      // Over several columns: join only the pieces within one column's cell ("社会" "法律" of
      // 社会公益组织 and 法律服务机构 side by side, each wrapped two characters a line).
      let part: LToken[] = [];
      let at = -2;
      for (const t of run) {
        const c = columnOf(cols, ((t.x0 ?? 0) + (t.x1 ?? 0)) / 2);
        if (c !== at) {
          join(part);
          part = [];
          at = c;
        }
        part.push(t);
      }
      join(part);
    } else join(run);
    run = [];
  };
  // Maximal sequences of pieces, cut at a gap wider than twice the gaps beside it (the step over
  // an empty cell: "人 ‖ 公 益 服 务 其 他", "自 然 ‖ 社 会 法 律"); a lone gap joins ("规    章").
  // Words of neighbouring cells that stay in one sequence are parted by the columns below, or
  // (表二, no columns given) found in the joined text by their names.
  const cutSequence = (seq: LToken[]) => {
    const gaps = seq.slice(1).map((t, i) => (t.x0 ?? 0) - ((seq[i] as LToken).x1 ?? 0));
    seq.forEach((t, i) => {
      if (i > 0) {
        const g = gaps[i - 1] as number;
        const beside = [gaps[i - 2], gaps[i]].filter((x): x is number => x !== undefined);
        const peak = beside.length > 0 && beside.every((x) => g > 2 * x + minTol);
        if (peak) flush();
      }
      run.push(t);
    });
    flush();
  };
  let seq: LToken[] = [];
  for (const t of tokens) {
    const prev = seq[seq.length - 1];
    if (!isSpreadPiece(t) || (prev && (t.x0 ?? 0) <= (prev.x1 ?? 0))) {
      cutSequence(seq);
      seq = [];
      if (!isSpreadPiece(t)) {
        out.push(t);
        continue;
      }
    }
    seq.push(t);
  }
  cutSequence(seq);
  return out;
}

/**
 * Column headings from header lines: label pieces stacked by horizontal overlap, narrow pieces
 * first, so a wide piece over several stacks (a group heading) is left out. Words spread over
 * their cell are joined first (joinSpreadPieces, over the value columns `cols` when given).
 */
export function headerStacks(header: readonly LLine[], unit: string, cols?: readonly Column[]): { stacks: HeaderStack[]; groups: HeaderStack[] } {
  const pieces: { t: LToken; line: number }[] = [];
  header.forEach((line, li) => {
    if (line.unit !== unit) return;
    for (const t of joinSpreadPieces(line.tokens, unit, cols)) if (t.kind === "label" && t.x0 !== null && t.x1 !== null && t.text.trim()) pieces.push({ t, line: li });
  });
  pieces.sort((a, b) => ((a.t.x1 ?? 0) - (a.t.x0 ?? 0)) - ((b.t.x1 ?? 0) - (b.t.x0 ?? 0)));
  const stacks: { x0: number; x1: number; parts: { line: number; x: number; text: string }[] }[] = [];
  const groups: HeaderStack[] = [];
  for (const { t, line } of pieces) {
    const x0 = t.x0 ?? 0;
    const x1 = t.x1 ?? 0;
    const over = stacks.filter((s) => Math.min(s.x1, x1) - Math.max(s.x0, x0) > 0.2 * Math.min(s.x1 - s.x0, x1 - x0));
    if (over.length >= 2) {
      groups.push({ x0, x1, parts: [t.text], text: t.text });
      continue;
    }
    const s = over[0];
    if (s) {
      s.x0 = Math.min(s.x0, x0);
      s.x1 = Math.max(s.x1, x1);
      s.parts.push({ line, x: x0, text: t.text });
    } else stacks.push({ x0, x1, parts: [{ line, x: x0, text: t.text }] });
  }
  return {
    stacks: stacks
      .map((s) => {
        const parts = s.parts.sort((a, b) => a.line - b.line || a.x - b.x).map((p) => p.text);
        return { x0: s.x0, x1: s.x1, parts, text: parts.join("") };
      })
      .sort((a, b) => a.x0 - b.x0),
    groups,
  };
}

/**
 * The key each column of a segment sits under in the header (its centre inside a stack, widened by
 * a quarter of the column pitch); null where no single stack names it. A stack's whole text is
 * tried, then its lower pieces (a group heading may sit at the top of the stack).
 */
export function keysFromHeader(seg: Segment, stacks: readonly HeaderStack[], match: (key: string) => string | null): (string | null)[] {
  const pitch = pitchOf(seg.cols);
  const slack = Number.isFinite(pitch) ? 0.25 * pitch : 2;
  return seg.cols.map((c) => {
    const under = stacks.filter((s) => c.mid >= s.x0 - slack && c.mid <= s.x1 + slack);
    if (under.length !== 1) return null;
    const parts = (under[0] as HeaderStack).parts;
    for (let from = 0; from < parts.length; from++) {
      const k = match(labelKey(parts.slice(from).join("")));
      if (k) return k;
    }
    return null;
  });
}

/** Every key some stack of the header names (its whole text or its lower pieces). */
export function keysNamedByHeader(stacks: readonly HeaderStack[], match: (key: string) => string | null): Set<string> {
  const out = new Set<string>();
  for (const s of stacks) {
    for (let from = 0; from < s.parts.length; from++) {
      const k = match(labelKey(s.parts.slice(from).join("")));
      if (k) {
        out.add(k);
        break;
      }
    }
  }
  return out;
}

/**
 * Completes header keys for a full segment: one column left unnamed takes the one key left; more
 * are filled in the official order only when the named ones keep that order. Null when the keys
 * cannot be made a complete, distinct set.
 */
export function completeKeys(keys: readonly (string | null)[], official: readonly string[]): string[] | null {
  const named = keys.filter((k): k is string => k !== null);
  if (new Set(named).size !== named.length) return null;
  const missing = official.filter((k) => !named.includes(k));
  const free = keys.filter((k) => k === null).length;
  if (free !== missing.length) return null;
  const idx = named.map((k) => official.indexOf(k));
  if (free > 1 && !idx.every((v, i) => i === 0 || v > (idx[i - 1] ?? -1))) return null;
  let m = 0;
  return keys.map((k) => k ?? (missing[m++] as string));
}
