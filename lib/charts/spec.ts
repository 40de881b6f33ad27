/**
 * A chart as plain data (serialisable from a server page to the client leaf): which builder and
 * its input. The same spec gives the ECharts option (buildChartOption) and the data-table
 * alternative (chartTable, table.ts), so both always show the same numbers.
 */
import { buildMapOption, MAP_HEIGHT, type MapInput } from "./map";
import { buildGroupedBarsOption, type GroupedBarsInput } from "./grouped-bars";
import { buildOutcomeMixOption, type OutcomeMixInput } from "./outcome-mix";
import { buildPeerBandOption, type PeerBandInput } from "./peer-band";
import { buildRankingOption, type RankingInput } from "./ranking";
import { buildTrendOption, type TrendInput } from "./trend";
import type { ChartOption } from "./types";

export type ChartSpec =
  | { type: "trend"; input: TrendInput }
  | { type: "outcomeMix"; input: OutcomeMixInput }
  | { type: "groupedBars"; input: GroupedBarsInput }
  | { type: "ranking"; input: RankingInput }
  | { type: "peerBand"; input: PeerBandInput }
  | { type: "map"; input: MapInput };

export function buildChartOption(spec: ChartSpec): ChartOption {
  switch (spec.type) {
    case "trend":
      return buildTrendOption(spec.input);
    case "outcomeMix":
      return buildOutcomeMixOption(spec.input);
    case "groupedBars":
      return buildGroupedBarsOption(spec.input);
    case "ranking":
      return buildRankingOption(spec.input);
    case "peerBand":
      return buildPeerBandOption(spec.input);
    case "map":
      return buildMapOption(spec.input);
  }
}

/** A height that fits the categories of bar charts (one row per region or agency). */
export function chartHeight(spec: ChartSpec): number {
  switch (spec.type) {
    case "outcomeMix":
      return Math.max(240, 64 + spec.input.categories.length * 30);
    case "ranking":
      return Math.max(200, 48 + spec.input.items.length * 26);
    case "groupedBars":
      return spec.input.horizontal ? Math.max(240, 56 + spec.input.categories.length * 22 * Math.max(1, spec.input.series.length)) : 300;
    case "map":
      return MAP_HEIGHT;
    default:
      return 300;
  }
}
