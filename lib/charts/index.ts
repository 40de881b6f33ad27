/** lib/charts: pure, typed ECharts option builders and their data-table alternatives (STYLE rule 13). */
export * from "./base";
export * from "./format-note";
export * from "./grouped-bars";
export * from "./map";
export * from "./messages";
export * from "./outcome-mix";
export * from "./peer-band";
export * from "./ranking";
export * from "./spec";
export * from "./sums";
export * from "./table";
export * from "./trend";
export type * from "./types";
export * from "./dashboard-keys";
