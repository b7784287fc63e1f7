/**
 * Deterministic GUIDs for objects the blueprint does not name (kiosk profile, app-control policy), so
 * compiling the same blueprint twice gives the same bytes. RFC 4122 name-based UUID version 5 (SHA-1) over
 * a holofleet namespace and `<tenant domain>/<purpose>`. Hand-written because Node's crypto only offers
 * random (v4) UUIDs and the 15 lines are not worth a dependency.
 */
import { createHash } from "node:crypto";

/** holofleet's UUID namespace (a fixed random UUID; never change it, or every derived GUID changes). */
export const HOLOFLEET_NAMESPACE = "3f4c1d2e-8a7b-4c3d-9e1f-5a6b7c8d9e0f";

/** RFC 4122 §4.3 name-based UUID, version 5, lower case without braces. */
export function uuidV5(name: string, namespace: string = HOLOFLEET_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(Buffer.from(name, "utf8")).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The GUID of a holofleet object for a tenant, in the `{UPPER}` form AssignedAccess and the CSPs use. */
export function stableObjectGuid(tenantDomain: string, purpose: "kiosk-profile" | "app-control-policy"): string {
  return `{${uuidV5(`${tenantDomain.toLowerCase()}/${purpose}`).toUpperCase()}}`;
}
