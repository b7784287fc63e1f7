import { describe, expect, it } from "vitest";
import { hashPassword, verifyAgainstDummy, verifyPassword, type ScryptParams } from "./local-password.ts";

// A cheap cost keeps these tests fast; the format and the checks are the same at any cost.
const CHEAP: ScryptParams = { N: 1024, r: 8, p: 1 };

describe("local account passwords (scrypt)", () => {
  it("a hash → scrypt$N$r$p$salt$hash, salted (two hashes of one password differ), never holding the password", async () => {
    const a = await hashPassword("correct horse battery", CHEAP);
    const b = await hashPassword("correct horse battery", CHEAP);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct");
  });

  it("the right password → true; a wrong one, or one differing only in case → false", async () => {
    const stored = await hashPassword("Tr0ub4dor&3", CHEAP);
    expect(await verifyPassword("Tr0ub4dor&3", stored)).toBe(true);
    expect(await verifyPassword("tr0ub4dor&3", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("the default cost → OWASP's minimum N=2^17, r=8, p=1", async () => {
    expect(await hashPassword("x")).toMatch(/^scrypt\$131072\$8\$1\$/);
  });

  it("a malformed, foreign or absurd-cost hash → false, never an exception", async () => {
    for (const stored of ["", "plain", "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "scrypt$1000$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "scrypt$1073741824$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"]) {
      expect(await verifyPassword("x", stored), stored).toBe(false);
    }
  });

  it("an unknown name's dummy check → false", async () => {
    expect(await verifyAgainstDummy("anything")).toBe(false);
  });
});
