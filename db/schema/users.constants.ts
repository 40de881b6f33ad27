/**
 * admin: everything. oversight: every agency under its region_code (省/市州 政务公开办).
 * agency: its own agency_id only.
 */
export const USER_ROLES = ["admin", "oversight", "agency"] as const;
export type UserRole = (typeof USER_ROLES)[number];
