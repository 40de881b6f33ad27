/**
 * admin: everything. oversight: every agency under its region_code (省/市州 政务公开办).
 * agency: its own agency_id only.
 */
export const USER_ROLES = ["admin", "oversight", "agency"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Sign-in throttling: an account locks for LOCKOUT_MINUTES after MAX_FAILED_LOGINS wrong passwords in a row. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/**
 * Per client address: at most this many failed sign-ins (any account) per LOCKOUT_MINUTES. High
 * enough for an office behind one NAT address; the per-account lock is the main defence.
 */
export const MAX_FAILED_LOGINS_PER_ADDRESS = 50;
