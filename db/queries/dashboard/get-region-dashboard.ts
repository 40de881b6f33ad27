/**
 * Everything a region dashboard (the overview and /regions/[code]) reads for one year, in
 * parallel: sums by year, sums by child region, coverage for the year and the one before, topic
 * shares, and the names of the child regions. The benchmark times exactly this.
 */
import "server-only";
import { childIndicatorKeys, yearIndicatorKeys } from "../../../lib/charts/dashboard-keys";
import type { Ctx } from "../../context";
import type { AgencyLevel } from "../../schema/agencies.constants";
import { getCoverage, type Coverage } from "./get-coverage";
import { listRegionNames, type RegionSummary } from "./get-region";
import { listIndicatorSums, type IndicatorSumsRow } from "./list-indicator-sums";
import { listTopicShares, type TopicShares } from "./list-topic-shares";
import type { DestinationRow } from "../../../lib/charts/destinations";
import { listApplicationDestinations } from "./list-application-destinations";

export interface GetRegionDashboardInput {
  regionCode: string;
  year: number;
  indicatorKey: string;
  level?: AgencyLevel;
  deptType?: string;
}

export interface RegionDashboardData {
  byYear: IndicatorSumsRow[];
  byChild: IndicatorSumsRow[];
  coverage: Coverage;
  coveragePrev: Coverage;
  topics: TopicShares;
  /** New applications by year and publisher kind/department type ("where applications go"). */
  destinations: DestinationRow[];
  childNames: Map<string, RegionSummary>;
}

export async function getRegionDashboard({ ctx, input }: { ctx: Ctx; input: GetRegionDashboardInput }): Promise<RegionDashboardData> {
  const { regionCode, year, indicatorKey } = input;
  const filters = { ...(input.level ? { level: input.level } : {}), ...(input.deptType ? { deptType: input.deptType } : {}) };
  const [byYear, byChild, coverage, coveragePrev, topics, destinations] = await Promise.all([
    listIndicatorSums({ ctx, input: { indicatorKeys: yearIndicatorKeys(indicatorKey), groupBy: "year", regionCode, ...filters } }),
    listIndicatorSums({ ctx, input: { indicatorKeys: childIndicatorKeys(indicatorKey), groupBy: "childRegion", regionCode, years: [year], ...filters } }),
    getCoverage({ ctx, input: { year, regionCode } }),
    getCoverage({ ctx, input: { year: year - 1, regionCode } }),
    listTopicShares({ ctx, input: { year, regionCode } }),
    listApplicationDestinations({ ctx, input: { regionCode } }),
  ]);
  const childNames = await listRegionNames({ ctx, input: { codes: byChild.map((r) => r.key) } });
  return { byYear, byChild, coverage, coveragePrev, topics, destinations, childNames };
}
