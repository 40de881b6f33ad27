/** /regions filters: the dashboards' shared parsers (year, level, dept_type, indicator). */
export { parseDashboardParams, dashboardQuery, type DashboardParams, type RawSearchParams } from "@/app/_components/charts/search-params";
