export { REGION_LEVELS, type RegionLevel, ADMIN_CODE_PATTERN } from "../../lib/regions/levels";
