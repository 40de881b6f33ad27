/**
 * How the report page highlights cells from a report's findings: the blamed cell of a failed hard
 * rule strongly, the other cells of that rule lightly, cells of warnings in amber. Resolved
 * findings and info notes mark nothing.
 */
export type CellMarkLevel = "blame" | "involved" | "warning";

export interface MarkableFinding {
  id: string;
  severity: "error" | "warning" | "info";
  status: "open" | "explained" | "resolved";
  cells: readonly string[];
  blame: readonly string[];
  suggested: Readonly<Record<string, number>> | null;
}

export interface CellMark {
  level: CellMarkLevel;
  /** The value that would make the failed rules hold, when a finding suggests one. */
  suggested: number | null;
  /** Findings that involve the cell, in the order given. */
  findingIds: string[];
}

const RANK: Record<CellMarkLevel, number> = { blame: 3, involved: 2, warning: 1 };

export function cellMarks(findings: readonly MarkableFinding[]): Map<string, CellMark> {
  const marks = new Map<string, CellMark>();
  const mark = (key: string, level: CellMarkLevel, findingId: string, suggested: number | null) => {
    const m = marks.get(key);
    if (!m) {
      marks.set(key, { level, suggested, findingIds: [findingId] });
      return;
    }
    if (RANK[level] > RANK[m.level]) m.level = level;
    if (m.suggested === null && suggested !== null) m.suggested = suggested;
    if (!m.findingIds.includes(findingId)) m.findingIds.push(findingId);
  };
  for (const f of findings) {
    if (f.status === "resolved" || f.severity === "info") continue;
    const blamed = new Set(f.blame);
    for (const key of new Set([...f.blame, ...f.cells])) {
      const level: CellMarkLevel = f.severity === "warning" ? "warning" : blamed.has(key) ? "blame" : "involved";
      mark(key, level, f.id, blamed.has(key) ? (f.suggested?.[key] ?? null) : null);
    }
  }
  return marks;
}
