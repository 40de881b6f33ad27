/**
 * lib/indicators: the derived measures of REPORT-FORMAT.md §4 as data (definitions), pure
 * computation for one report, a group (summed numerators and denominators) and peers, and display.
 */
export * from "./definitions";
export * from "./compute";
export * from "./format";
