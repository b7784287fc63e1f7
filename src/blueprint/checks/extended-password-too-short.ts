/** HF2005: `extended` means "extend the password expiration … to exceed 90 days" (guide §CC-passwords, option 2). */
import { defineCheck, finding } from "./finding.ts";

/** The guide's threshold: NIST's 30–90 days; option 2 extends beyond it. */
const NIST_MAX_DAYS = 90;

export const extendedPasswordTooShort = defineCheck(["passwords"], ["HF2005"], (bp, src) => {
  const { policy, maxAgeDays } = bp.passwords;
  if (policy !== "extended" || maxAgeDays > NIST_MAX_DAYS) return [];
  return [
    // With maxAgeDays left at its default, the key the user wrote is the policy.
    finding(src, src.has?.(["passwords", "maxAgeDays"]) === false ? ["passwords", "policy"] : ["passwords", "maxAgeDays"], "HF2005", "error", {
      message: `passwords.policy is extended but maxAgeDays is ${maxAgeDays}; extended means more than ${NIST_MAX_DAYS} days`,
      why: `The guide's option 2 extends expiry beyond the ${NIST_MAX_DAYS} days NIST suggests so devices can stay out longer; with ${maxAgeDays} days nothing is extended.`,
      fix: `Set passwords.maxAgeDays above ${NIST_MAX_DAYS}, or use policy rotate-on-return for ${NIST_MAX_DAYS} days or less.`,
    }),
  ];
});
