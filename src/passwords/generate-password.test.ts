import { describe, expect, it } from "vitest";
import { entraPasswordProblems } from "./entra-password-rules.ts";
import { generatePassword, PASSWORD_ALPHABET } from "./generate-password.ts";

describe("generatePassword", () => {
  it("any length Entra allows → that length, Entra's rules met, all four classes, alphabet only", () => {
    for (const length of [8, 9, 16, 20, 64, 256]) {
      for (let i = 0; i < 50; i++) {
        const p = generatePassword(length);
        expect(p).toHaveLength(length);
        expect(entraPasswordProblems(p)).toEqual([]);
        expect([/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].every((r) => r.test(p))).toBe(true);
        expect([...p].every((c) => PASSWORD_ALPHABET.includes(c))).toBe(true);
      }
    }
  });

  it("many draws → no repeats", () => {
    expect(new Set(Array.from({ length: 1000 }, () => generatePassword(16))).size).toBe(1000);
  });

  it("lengths outside Entra's 8–256 or not integers → RangeError", () => {
    for (const bad of [0, 7, 257, 12.5, Number.NaN]) expect(() => generatePassword(bad)).toThrow(RangeError);
  });

  it("each character is one uniform draw over the alphabet (no modulo), a draw missing a class is discarded whole", () => {
    const asked: number[] = [];
    // First draw: eight times index 0 ('A' only, three classes missing) → rejected; then a valid cycle.
    const script = [...Array(8).fill(0), 0, 24, 48, 56, 1, 25, 49, 57];
    const p = generatePassword(8, (max) => {
      asked.push(max);
      return script.shift()!;
    });
    expect(asked.every((m) => m === PASSWORD_ALPHABET.length)).toBe(true);
    expect(asked).toHaveLength(16);
    expect(p).toBe([0, 24, 48, 56, 1, 25, 49, 57].map((i) => PASSWORD_ALPHABET[i]).join(""));
  });

  it("long passwords → every character about equally frequent (a modulo bias would show as 33 % more for some)", () => {
    const counts = new Map<string, number>();
    const n = 4000;
    for (let i = 0; i < n; i++) for (const c of generatePassword(64)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const expected = (n * 64) / PASSWORD_ALPHABET.length;
    expect(counts.size).toBe(PASSWORD_ALPHABET.length);
    // ±15 % is more than 17 standard deviations here: it never fails by chance.
    for (const [, count] of counts) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });

  it("a random source that never gives all classes → an error, not a hang", () => {
    expect(() => generatePassword(8, () => 0)).toThrow(/four character classes/);
  });
});
