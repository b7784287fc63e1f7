/**
 * The password a user signs in with at the local tenant's sign-in page. Graph's `passwordProfile`
 * is write-only (graph-facts §2), so the tenant keeps only a salted scrypt hash in the user document
 * (`_passwordHash`; `_` fields never leave the tenant). The cost is lower than a production store's
 * would be: this is a test double whose state file is 0600, and bulk user creation must stay fast.
 */
import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";

const COST = 1024;
const KEY_LENGTH = 32;

export function hashUserPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, KEY_LENGTH, { N: COST, r: 8, p: 1 });
  return `scrypt$${COST}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** True when `password` is the one the hash was made from; false for no hash (a user never given one). */
export function userPasswordMatches(hash: unknown, password: string): boolean {
  if (typeof hash !== "string") return false;
  const [scheme, cost, salt, key] = hash.split("$");
  if (scheme !== "scrypt" || !cost || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const given = scryptSync(password, Buffer.from(salt, "base64url"), expected.length, { N: Number(cost), r: 8, p: 1 });
  return timingSafeEqual(given, expected);
}
