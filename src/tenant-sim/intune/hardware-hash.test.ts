import { describe, expect, it } from "vitest";
import { hwidPhysicalId, isEdmBinaryText, normaliseHardwareHash, simulatedHardwareHash } from "./hardware-hash.ts";

describe("normaliseHardwareHash", () => {
  it("canonicalises base64 and fingerprints the bytes, not the text", () => {
    const a = normaliseHardwareHash("AAEC\r\nAw==");
    const b = normaliseHardwareHash("AAECAw");
    const urlSafe = normaliseHardwareHash("-_8=");
    expect(a).toEqual({ ok: true, base64: "AAECAw==", fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(b.ok && a.ok && b.fingerprint === a.fingerprint).toBe(true);
    expect(urlSafe.ok && urlSafe.base64).toBe("+/8=");
  });

  it("rejects empty and non-base64 text", () => {
    expect(normaliseHardwareHash("  ")).toEqual({ ok: false, reason: "the hardware hash is empty" });
    expect(normaliseHardwareHash("not base64!")).toEqual({ ok: false, reason: "the hardware hash is not base64 text" });
    expect(normaliseHardwareHash("AAAAA").ok).toBe(false);
    expect(isEdmBinaryText("%%%")).toBe(false);
    expect(isEdmBinaryText("")).toBe(true);
  });
});

describe("simulatedHardwareHash", () => {
  it("is 4 KB of base64, stable per serial and different between serials", () => {
    const one = simulatedHardwareHash("HL2-0001");
    expect(one).toHaveLength(4096);
    expect(simulatedHardwareHash("HL2-0001")).toBe(one);
    expect(simulatedHardwareHash("HL2-0002")).not.toBe(one);
    expect(normaliseHardwareHash(one).ok).toBe(true);
  });

  it("gives one [HWID] physical id per hash", () => {
    const check = normaliseHardwareHash(simulatedHardwareHash("HL2-0001"));
    if (!check.ok) throw new Error("expected a valid hash");
    expect(hwidPhysicalId(check.fingerprint)).toMatch(/^\[HWID\]:h:[0-9a-f]{40}$/);
  });
});
