/**
 * Guide §CC passwords: a client cannot change the password of the account it uses (credentials stay with the
 * organisation), so a password that expires while the device is at the client locks the client out. Entra
 * applies expiry per domain (`domain.passwordValidityPeriodInDays`; unset means 90 days, Graph's domain
 * resource) unless the user has `passwordPolicies` `DisablePasswordExpiration`; 2147483647 days is "never"
 * (hololens-facts §14.4). Times here are plain numbers in one unit the caller chooses (days or milliseconds).
 */

export const DEFAULT_PASSWORD_VALIDITY_DAYS = 90;
/** `passwordValidityPeriodInDays` that tools treat as "never expires". */
export const NEVER_EXPIRES_DAYS = 2147483647;
const DISABLE_EXPIRATION = "disablepasswordexpiration";

/**
 * Days a password stays valid under a domain's validity and a user's `passwordPolicies`; null when it never
 * expires.
 */
export function passwordValidityDays(domainValidityDays: number | null | undefined, passwordPolicies: string | null | undefined): number | null {
  const policies = (passwordPolicies ?? "").split(",").map((p) => p.trim().toLowerCase());
  if (policies.includes(DISABLE_EXPIRATION)) return null;
  const days = domainValidityDays ?? DEFAULT_PASSWORD_VALIDITY_DAYS;
  return days >= NEVER_EXPIRES_DAYS ? null : days;
}

export interface LoanPasswordTimes {
  /** When the password was last set. */
  changedAt: number;
  /** Validity in days, null when it never expires. */
  validityDays: number | null;
  /** When the device is expected back; null for an open-ended loan. */
  returnAt: number | null;
  /** Length of one day in the caller's unit (1 for days, 86 400 000 for milliseconds). */
  day: number;
}

/** When the password expires (null: never), and whether that happens before the device comes back. */
export function passwordExpiryDuringLoan(t: LoanPasswordTimes): { expiresAt: number | null; expiresDuringLoan: boolean } {
  if (t.validityDays === null) return { expiresAt: null, expiresDuringLoan: false };
  const expiresAt = t.changedAt + t.validityDays * t.day;
  // Whole days count, as the blueprint check counts them: a password set minutes before the loan starts and
  // valid as long as the loan expires on the day the device comes back, not during the loan.
  return { expiresAt, expiresDuringLoan: t.returnAt === null || Math.floor(expiresAt / t.day) < Math.floor(t.returnAt / t.day) };
}
