/**
 * When a client account's password expires under the blueprint's password policy, and whether it does
 * so before a device on loan comes back. One rule for three callers: the blueprint check
 * `password-expires-during-loan` (planned loan length), fleet reports (a loan's real dates) and, through
 * `guide/password-expiry.ts` whose comparison this uses, the audit — so they count whole days alike.
 */
import type { Blueprint } from "../blueprint/types.ts";
import { passwordExpiryDuringLoan } from "../guide/password-expiry.ts";

export type PasswordAgePolicy = Pick<Blueprint["passwords"], "policy" | "maxAgeDays">;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How many days a password lives under the policy; null when it never expires (`never-expire`). */
export function passwordLifetimeDays(p: PasswordAgePolicy): number | null {
  return p.policy === "never-expire" ? null : p.maxAgeDays;
}

/** True when a password set now expires before `days` have passed (a loan of `days` outlasts it). */
export function passwordExpiresWithin(p: PasswordAgePolicy, days: number): boolean {
  return passwordExpiryDuringLoan({ changedAt: 0, validityDays: passwordLifetimeDays(p), returnAt: days, day: 1 }).expiresDuringLoan;
}

/** The moment a password set at `setAt` expires, or null when it never does. */
export function passwordExpiresAt(p: PasswordAgePolicy, setAt: Date): Date | null {
  const lifetime = passwordLifetimeDays(p);
  return lifetime === null ? null : new Date(setAt.getTime() + lifetime * DAY_MS);
}

/**
 * For a loan: when the password (last set at `passwordSetAt`) expires, if that is before the device is
 * expected back; null when it lasts until then or never expires.
 */
export function passwordExpiryBeforeReturn(p: PasswordAgePolicy, passwordSetAt: Date, expectedReturn: Date): Date | null {
  const { expiresDuringLoan } = passwordExpiryDuringLoan({ changedAt: passwordSetAt.getTime(), validityDays: passwordLifetimeDays(p), returnAt: expectedReturn.getTime(), day: DAY_MS });
  return expiresDuringLoan ? passwordExpiresAt(p, passwordSetAt) : null;
}
