/** /agencies filters: q, region, kind, level, dept_type, page (list); year, indicator (one agency). */
export { parseDashboardParams as parseAgencyParams, dashboardQuery, type DashboardParams, type RawSearchParams } from "@/app/_components/charts/search-params";
