/**
 * A mutation refused for a reason the user can fix (wrong status, taken email…), as data the
 * server action maps to a translated message. Scope failures throw AccessDeniedError instead.
 */
export const MUTATION_ERROR_CODES = [
  "invalid_input",
  "not_found",
  "wrong_status",
  "not_latest",
  "open_errors",
  "email_taken",
  "wrong_password",
  "locked",
  "same_password",
  "self",
  "scope_missing",
] as const;
export type MutationErrorCode = (typeof MUTATION_ERROR_CODES)[number];

export class MutationError extends Error {
  constructor(
    readonly code: MutationErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "MutationError";
  }
}
