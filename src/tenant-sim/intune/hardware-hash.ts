/**
 * Autopilot hardware hashes: the 4K hardware hash a device reports (`hardwareIdentifier`, Edm.Binary,
 * so base64 in JSON; the CSV "Hardware Hash" column is already base64). The tenant cannot decode a
 * real hash, so it only normalises it, fingerprints it (to find a re-import of a registered device)
 * and, for simulated devices, makes a deterministic one from the serial number.
 */
import { createHash } from "node:crypto";

export type HardwareHashCheck =
  | { ok: true; base64: string; fingerprint: string }
  | { ok: false; reason: string };

// Standard or URL-safe alphabet; OData JSON allows both for Edm.Binary.
const BASE64_TEXT = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Validates and canonicalises a base64 hardware hash (whitespace from CSV cells is dropped). */
export function normaliseHardwareHash(input: string): HardwareHashCheck {
  const text = input.replace(/\s+/g, "");
  if (text === "") return { ok: false, reason: "the hardware hash is empty" };
  if (!BASE64_TEXT.test(text) || text.replace(/=+$/, "").length % 4 === 1) {
    return { ok: false, reason: "the hardware hash is not base64 text" };
  }
  const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (bytes.length === 0) return { ok: false, reason: "the hardware hash decodes to no bytes" };
  return { ok: true, base64: bytes.toString("base64"), fingerprint: createHash("sha256").update(bytes).digest("hex") };
}

/** True when the text is acceptable as an Edm.Binary JSON value (what OData deserialisation checks). */
export function isEdmBinaryText(input: string): boolean {
  return input === "" || normaliseHardwareHash(input).ok;
}

/**
 * A deterministic stand-in for the hash a device with this serial would report: 3,072 bytes, i.e.
 * 4,096 base64 characters ("the hash should be 4 KB", graph-facts §5.2, error 802).
 */
export function simulatedHardwareHash(serialNumber: string): string {
  const chunks: Buffer[] = [];
  let block = createHash("sha256").update(`holofleet-sim-hwid:${serialNumber}`).digest();
  while (chunks.length * block.length < 3072) {
    chunks.push(block);
    block = createHash("sha256").update(block).digest();
  }
  return Buffer.concat(chunks).subarray(0, 3072).toString("base64");
}

/**
 * The `[HWID]:h:…` physical id Autopilot puts on the Entra device. Its real derivation from the hash
 * is not public; the tenant uses a hex digest prefix so that one hash always gives one id.
 */
export function hwidPhysicalId(fingerprint: string): string {
  return `[HWID]:h:${fingerprint.slice(0, 40)}`;
}
