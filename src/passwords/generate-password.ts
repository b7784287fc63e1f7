/**
 * Passwords for client accounts, from the CSPRNG. Used by apply (new accounts) and by fleet operations
 * (rotations); the result is shown once or written to a 0600 file by the caller and never stored.
 */
import { randomInt } from "node:crypto";
import { ENTRA_PASSWORD_RULES } from "./entra-password-rules.ts";

/**
 * A subset of what Entra allows (entra-password-rules.ts), chosen for passwords a person may have to
 * read and type: no lookalikes (0 O o, 1 l I), no blank, no quotes or backslash (they break shells and
 * CSV cells), and no `.` (older Entra text refused a `.` right before `@`).
 */
const CLASSES = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!#%+-=?@_~"] as const;

export const PASSWORD_ALPHABET = CLASSES.join("");

/** Draws a uniform integer in [0, max); `crypto.randomInt` rejects out-of-range draws, so there is no modulo bias. */
export type RandomIndex = (max: number) => number;

// A draw misses a class with probability well under 0.6 at the shortest length (8), so this bound is
// never reached by a working random source; it only turns a broken one into an error instead of a hang.
const MAX_DRAWS = 10_000;

/**
 * A password of `length` characters (Entra's 8–256), uniform over every string of that length from
 * `PASSWORD_ALPHABET` that holds all four classes: each character is drawn uniformly and a draw that
 * misses a class is thrown away whole (rejection sampling). Placing one character of each class first
 * and shuffling would not be uniform; requiring all four (Entra asks for three) keeps every result valid.
 */
export function generatePassword(length: number, randomIndex: RandomIndex = randomInt): string {
  const { minLength, maxLength } = ENTRA_PASSWORD_RULES;
  if (!Number.isInteger(length) || length < minLength || length > maxLength) {
    throw new RangeError(`password length ${length} is outside Entra's ${minLength}–${maxLength}`);
  }
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    let password = "";
    for (let i = 0; i < length; i++) password += PASSWORD_ALPHABET[randomIndex(PASSWORD_ALPHABET.length)]!;
    if (CLASSES.every((cls) => [...password].some((c) => cls.includes(c)))) return password;
  }
  throw new Error(`the random source produced no password with all four character classes in ${MAX_DRAWS} draws`);
}
