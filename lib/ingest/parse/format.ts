/**
 * Format version (REPORT-FORMAT.md §1.2, §1.8): read from the table headers, never from the year
 * or the cited notice. 2021 markers: 本年制发件数/本年废止件数/现行有效件数/本年收费金额 and the
 * three 其他处理 sub-rows. 2019 markers: 本年新制作数量/本年新公开数量/对外公开总数量/上一年项目数量/
 * 本年增/减/政府集中采购/其他对外管理服务事项 and a single 其他处理 row holding numbers.
 */
import type { FormatVersion } from "../../catalog";
import type { ExtractedDocument } from "../extract/types";
import { issue, type ParseIssue, type SourceLoc } from "../issues";
import { labelKey } from "../normalize";
import { documentLines, type LToken } from "./lines";
import { readCell } from "./values";

const M2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"].map(labelKey);
const M2021_PREFIX = ["申请人无正当理由逾期不补正", "申请人逾期未按收费通知"].map(labelKey);
const M2019 = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减", "政府集中采购", "采购项目数量", "采购总金额", "其他对外管理服务事项"].map(labelKey);
const OTHER_PROCESSING = labelKey("其他处理");

export interface FormatDetection {
  format: FormatVersion | null;
  /** The marker labels seen, for each version. */
  evidence: Record<FormatVersion, string[]>;
  issues: ParseIssue[];
}

/** Detect the format from the table labels of the document (grid cells and table lines alike). */
export function detectFormat(doc: ExtractedDocument): FormatDetection {
  const evidence: Record<FormatVersion, Set<string>> = { "2019": new Set(), "2021": new Set() };
  let firstLoc: SourceLoc | null = null;
  for (const line of documentLines(doc)) {
    if (line.prose) continue;
    const tokens = line.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i] as LToken;
      if (tok.kind !== "label" || tok.text.length < 4) continue;
      const key = labelKey(tok.text);
      // Producers glue header cells into one run ("信息内容本年制发件数本年废止件数现行有效件数").
      const m21 = M2021.filter((m) => key.includes(m));
      const m19 = M2019.filter((m) => key === m || (m.length >= 6 && key.includes(m)));
      if (m21.length || M2021_PREFIX.some((m) => key.startsWith(m))) {
        for (const m of m21.length ? m21 : [key]) evidence["2021"].add(m);
        firstLoc ??= line.loc;
      } else if (m19.length) {
        for (const m of m19) evidence["2019"].add(m);
        firstLoc ??= line.loc;
      } else if (key === OTHER_PROCESSING) {
        // 2019: （六）其他处理 is a row with numbers. 2021: it is a group heading over three sub-rows.
        const next = tokens.slice(i + 1).find((t) => t.kind !== "blank");
        if (next && next.kind !== "label") evidence["2019"].add(key);
      }
    }
  }
  // Flattened web text (one cell per line, no grid) is not in the lines: read its cells here.
  for (const block of doc.blocks) {
    if (block.kind !== "table" || block.gridKnown || doc.format !== "text") continue;
    block.cells.forEach((cell, i) => {
      if (cell.text.length < 4) return;
      const key = labelKey(cell.text);
      if (M2021.some((m) => key.startsWith(m)) || M2021_PREFIX.some((m) => key.startsWith(m))) {
        evidence["2021"].add(M2021.find((m) => key.startsWith(m)) ?? key);
        firstLoc ??= block.loc;
      } else if (M2019.includes(key)) {
        evidence["2019"].add(key);
        firstLoc ??= block.loc;
      } else if (key === OTHER_PROCESSING) {
        const next = block.cells.slice(i + 1).find((c) => c.text.trim() !== "");
        if (next && readCell(next.text).kind !== "label") evidence["2019"].add(OTHER_PROCESSING);
      }
    });
  }
  const n21 = evidence["2021"].size;
  const n19 = evidence["2019"].size;
  const format: FormatVersion | null = n21 > n19 ? "2021" : n19 > n21 ? "2019" : null;
  const issues: ParseIssue[] = [];
  if (format === null) {
    const msg =
      n21 + n19 === 0
        ? "No 2019 or 2021 table header found; the format version is unknown"
        : `Headers of both formats found (2021: ${[...evidence["2021"]].join("、")}; 2019: ${[...evidence["2019"]].join("、")})`;
    issues.push(issue("format_unknown", "warning", msg, firstLoc));
  }
  return { format, evidence: { "2019": [...evidence["2019"]], "2021": [...evidence["2021"]] }, issues };
}
