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

/**
 * Markers by the part of the form they belong to: each part of a document votes for one version
 * (表二 (一)'s column headings, 表二 (五)(六)(八)'s, 表二 (九), 表三's 其他处理 rows), so that a
 * report mixing the two forms is read in the form most of its tables use, and the other part is
 * named (format_mixed) instead of the whole report going unread.
 */
type Part = "t2_item1" | "t2_items5to8" | "t2_item9" | "t3_other";
const MARKERS: { part: Part; version: FormatVersion; labels: string[] }[] = [
  { part: "t2_item1", version: "2021", labels: ["本年制发件数", "本年废止件数", "现行有效件数"] },
  { part: "t2_items5to8", version: "2021", labels: ["本年收费金额"] },
  { part: "t2_item1", version: "2019", labels: ["本年新制作数量", "本年新公开数量", "对外公开总数量"] },
  { part: "t2_items5to8", version: "2019", labels: ["上一年项目数量", "本年增/减", "本年增减", "其他对外管理服务事项"] },
  { part: "t2_item9", version: "2019", labels: ["政府集中采购", "采购项目数量", "采购总金额"] },
];
const M2021 = MARKERS.filter((m) => m.version === "2021").flatMap((m) => m.labels.map((l) => ({ key: labelKey(l), part: m.part })));
const M2019 = MARKERS.filter((m) => m.version === "2019").flatMap((m) => m.labels.map((l) => ({ key: labelKey(l), part: m.part })));
const M2021_PREFIX = ["申请人无正当理由逾期不补正", "申请人逾期未按收费通知"].map(labelKey);
const OTHER_PROCESSING = labelKey("其他处理");
/** A 2021 其他处理 sub-row label, also when cut short ("申请人逾期未按收费"). */
function isOtherSubRow(key: string): boolean {
  return M2021_PREFIX.some((m) => key.startsWith(m) || (Array.from(key).length >= 8 && m.startsWith(key)));
}

export interface FormatDetection {
  format: FormatVersion | null;
  /** The marker labels seen, for each version. */
  evidence: Record<FormatVersion, string[]>;
  issues: ParseIssue[];
}

type Evidence = Record<FormatVersion, Map<string, Part>>;

function addMarkers(key: string, evidence: Evidence): boolean {
  // Producers glue header cells into one run ("信息内容本年制发件数本年废止件数现行有效件数").
  const m21 = M2021.filter((m) => key.includes(m.key));
  const m19 = M2019.filter((m) => key === m.key || (m.key.length >= 6 && key.includes(m.key)));
  if (m21.length || isOtherSubRow(key)) {
    if (m21.length) for (const m of m21) evidence["2021"].set(m.key, m.part);
    else evidence["2021"].set(key, "t3_other");
    return true;
  }
  for (const m of m19) evidence["2019"].set(m.key, m.part);
  return m19.length > 0;
}

/** The parts of the form that show one version only. */
function partVotes(evidence: Evidence): Record<FormatVersion, Part[]> {
  const parts21 = new Set(evidence["2021"].values());
  const parts19 = new Set(evidence["2019"].values());
  return { "2021": [...parts21].filter((p) => !parts19.has(p)), "2019": [...parts19].filter((p) => !parts21.has(p)) };
}

/**
 * Detect the format from the table labels of the document: table cells first (cheap), and the
 * document's lines (PDF text, pdftotext, converter text) when the cells do not settle it.
 */
export function detectFormat(doc: ExtractedDocument): FormatDetection {
  const evidence: Evidence = { "2019": new Map(), "2021": new Map() };
  let firstLoc: SourceLoc | null = null;
  for (const block of doc.blocks) {
    if (block.kind !== "table") continue;
    const cells = block.gridKnown ? [...block.cells].sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || (a.col ?? 0) - (b.col ?? 0)) : block.cells;
    cells.forEach((cell, i) => {
      if (cell.text.length < 4 || readCell(cell.text).kind !== "label") return;
      const key = labelKey(cell.text);
      if (addMarkers(key, evidence)) firstLoc ??= block.loc;
      else if (key === OTHER_PROCESSING) {
        // 2019: （六）其他处理 is a row with numbers. 2021: it is a group heading over three sub-rows.
        const next = cells.slice(i + 1).find((c) => c.text.trim() !== "" && (!block.gridKnown || c.row === cell.row));
        if (next && readCell(next.text).kind !== "label") evidence["2019"].set(OTHER_PROCESSING, "t3_other");
      }
    });
  }
  const settled = () => {
    const v = partVotes(evidence);
    return v["2021"].length + v["2019"].length >= 2 && v["2021"].length !== v["2019"].length;
  };
  if (!settled()) {
    for (const line of documentLines(doc)) {
      if (line.prose || line.block < 0 || doc.blocks[line.block]?.kind === "table") continue;
      const tokens = line.tokens;
      for (let i = 0; i < tokens.length; i++) {
        const tok = tokens[i] as LToken;
        if (tok.kind !== "label" || tok.text.length < 4) continue;
        const key = labelKey(tok.text);
        if (addMarkers(key, evidence)) firstLoc ??= line.loc;
        else if (key === OTHER_PROCESSING) {
          const next = tokens.slice(i + 1).find((t) => t.kind !== "blank");
          if (next && next.kind !== "label") evidence["2019"].set(key, "t3_other");
        }
      }
    }
  }
  const n21 = evidence["2021"].size;
  const n19 = evidence["2019"].size;
  const votes = partVotes(evidence);
  const v21 = votes["2021"].length;
  const v19 = votes["2019"].length;
  // The form most parts of the tables use decides (a report mixing the forms is read in its main
  // form); when the parts are even, the number of markers.
  const format: FormatVersion | null = v21 > v19 ? "2021" : v19 > v21 ? "2019" : n21 > n19 ? "2021" : n19 > n21 ? "2019" : null;
  const issues: ParseIssue[] = [];
  if (format === null) {
    const msg =
      n21 + n19 === 0
        ? "No 2019 or 2021 table header found; the format version is unknown"
        : `Headers of both formats found (2021: ${[...evidence["2021"].keys()].join("、")}; 2019: ${[...evidence["2019"].keys()].join("、")})`;
    issues.push(issue("format_unknown", "warning", msg, firstLoc));
  } else {
    const other: FormatVersion = format === "2021" ? "2019" : "2021";
    const odd = [...evidence[other].entries()].filter(([, part]) => votes[other].includes(part)).map(([k]) => k);
    if (odd.length > 0 && votes[format].length > 0) {
      issues.push(
        issue(
          "format_mixed",
          "warning",
          `Read as the ${format} format (${votes[format].map(partName).join("、")}), but ${votes[other].map(partName).join("、")} printed in the ${other} form (${odd.join("、")}): cells under those headings are not read as ${format} cells`,
          firstLoc,
        ),
      );
    }
  }
  return { format, evidence: { "2019": [...evidence["2019"].keys()], "2021": [...evidence["2021"].keys()] }, issues };
}

function partName(p: Part): string {
  return { t2_item1: "表二 第二十条第（一）项", t2_items5to8: "表二 第（五）（六）（八）项", t2_item9: "表二 第（九）项", t3_other: "表三 （六）其他处理" }[p];
}
