/**
 * Microsoft Entra ID's password rules for cloud accounts, as data and one checker. Source: Microsoft
 * Entra docs, "Password policies and account restrictions in Microsoft Entra ID"
 * (learn.microsoft.com/entra/identity/authentication/concept-sspr-policy): 8–256 characters; only
 * A–Z, a–z, 0–9, the listed symbols and the blank space (no other Unicode); three of the four classes
 * lowercase, uppercase, digits and symbols.
 */

export const ENTRA_PASSWORD_RULES = {
  minLength: 8,
  maxLength: 256,
  /** The symbols Entra allows; the blank space is allowed too but is not one of them. */
  symbols: "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<>",
  /** How many of the four classes (lower, upper, digit, symbol) a password must use. */
  classesRequired: 3,
} as const;

const CLASSES: readonly { name: string; test: (c: string) => boolean }[] = [
  { name: "lowercase letters", test: (c) => c >= "a" && c <= "z" },
  { name: "uppercase letters", test: (c) => c >= "A" && c <= "Z" },
  { name: "digits", test: (c) => c >= "0" && c <= "9" },
  { name: "symbols", test: (c) => ENTRA_PASSWORD_RULES.symbols.includes(c) },
];

/**
 * What Entra would refuse about `password` (empty when it meets the rules). The messages describe the
 * rule broken and never quote the password or any of its characters.
 */
export function entraPasswordProblems(password: string): string[] {
  const problems: string[] = [];
  const chars = [...password];
  const { minLength, maxLength, classesRequired } = ENTRA_PASSWORD_RULES;
  if (chars.length < minLength || chars.length > maxLength) {
    problems.push(`has ${chars.length} characters; Entra needs ${minLength}–${maxLength}`);
  }
  const disallowed = chars.filter((c) => c !== " " && !CLASSES.some((k) => k.test(c))).length;
  if (disallowed > 0) problems.push(`has ${disallowed} character(s) Entra does not allow (only A–Z, a–z, 0–9, its symbols and the blank space)`);
  const used = CLASSES.filter((k) => chars.some(k.test));
  if (used.length < classesRequired) {
    problems.push(`uses ${used.length} of the four character classes; Entra needs ${classesRequired} (lowercase, uppercase, digits, symbols)`);
  }
  return problems;
}
