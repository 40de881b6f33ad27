/** The parse stage (STYLE rule 15): each step exported on its own; `parseDocument` in ../pipeline runs them all. */
export { detectFormat, type FormatDetection } from "./format";
export { dice, matchT2Col, matchT2Row, matchT3Col, matchT3Group, matchT3Row, matchT4Group, matchT4Leaf } from "./labels";
export { canonicalAgency, parseDate, readMeta, type AgencyName, type ReportMeta } from "./meta";
export { readNarrative, topicsOf, type NarrativeResult } from "./narrative";
export { parseChineseInt, parseNumberToken } from "./numbers";
export { findSections, matchHeading, sectionOfBlocks, type FoundSection, type SectionsResult } from "./sections";
export { locateTables, readT2, readT3, readT4, readTables, toRuns, type CellRef, type TableRead, type TableSource, type TablesResult, type TableStatus } from "./tables";
export { isBlank, readCell, type CellReading } from "./values";
