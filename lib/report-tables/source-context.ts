/**
 * The text around a figure, for the report page's source pop-up: the line the figure was read
 * from (REPORT-FORMAT.md provenance `loc.line`, 1-based in the extracted text) with a line either
 * side, reaching further back when the figure's line holds no label (a table copied one cell per
 * line), so the reader sees which row the number belongs to. Pure: the caller extracts the text.
 */
export interface SourceContext {
  /** Lines of the extracted text, in order. */
  lines: string[];
  /** Index in `lines` of the line the figure was read from. */
  at: number;
  /** The figure's characters within that line, when its raw text occurs there exactly once as a token. */
  mark: [number, number] | null;
  /** 1-based line number of `lines[0]` in the extracted text. */
  firstLine: number;
}

const HAS_LABEL = /[\u3400-\u9fff]/;
const MAX_BACK = 12;
const MAX_LINE = 400;

function clip(line: string): string {
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line;
}

/** Where `raw` stands alone in `line` (not inside a longer number), if exactly once. */
export function findToken(line: string, raw: string): [number, number] | null {
  const token = raw.trim();
  if (token === "") return null;
  const hits: number[] = [];
  for (let i = line.indexOf(token); i !== -1; i = line.indexOf(token, i + 1)) {
    const before = line[i - 1] ?? " ";
    const after = line[i + token.length] ?? " ";
    if (!/[0-9.,]/.test(before) && !/[0-9.,]/.test(after)) hits.push(i);
  }
  return hits.length === 1 ? [hits[0]!, hits[0]! + token.length] : null;
}

export function sourceContext(text: string, loc: { line?: number }, raw: string): SourceContext | null {
  if (loc.line === undefined) return null;
  const all = text.split("\n");
  const target = loc.line - 1;
  if (target < 0 || target >= all.length) return null;
  let start = Math.max(0, target - 1);
  if (!HAS_LABEL.test(all[target]!)) {
    // Walk back to the row label (at most MAX_BACK lines).
    let i = target - 1;
    while (i > 0 && target - i < MAX_BACK && !HAS_LABEL.test(all[i]!)) i--;
    start = Math.max(0, Math.min(start, i));
  }
  const end = Math.min(all.length, target + 2);
  const lines = all.slice(start, end).map(clip);
  const at = target - start;
  const mark = all[target]!.length <= MAX_LINE ? findToken(all[target]!, raw) : null;
  return { lines, at, mark, firstLine: start + 1 };
}
