/**
 * Compiler diagnostics (HF3xxx). HF30xx: OMA-URI settings checked against the DDF catalog; HF31xx: kiosk
 * XML; HF32xx: Graph bodies and licensing; HF33xx: isolation and passwords; HF34xx: app control integration.
 */
import type { CodeInfo } from "../codes.ts";

export const compileCodes: Record<string, CodeInfo> = {
  HF3001: { title: "OMA-URI is not a node of any known CSP (DDF)" },
  HF3002: { title: "Graph omaSetting type does not match the node's DDF format" },
  HF3003: { title: "OMA-URI value is not allowed by the DDF" },
  HF3004: { title: "CSP node cannot be set by Intune (no Add or Replace access)" },
  HF3005: { title: "CSP node is not supported on HoloLens 2" },
  HF3006: { title: "CSP node needs a newer OS build than the blueprint's baseline" },
  HF3007: { title: "OMA-URI value has the wrong JSON type for its Graph omaSetting type" },
  HF3008: { title: "two settings in one profile write the same OMA-URI" },
  HF3101: { title: "kiosk app is not in the catalog or has no AUMID" },
  HF3102: { title: "kiosk auto-launch app is not one of the kiosk apps" },
  HF3103: { title: "kiosk XML does not validate against the AssignedAccess XSDs" },
  HF3104: { title: "kiosk app may not appear in a kiosk" },
  HF3105: { title: "kiosk profile id is not a braced GUID" },
  HF3201: { title: "SKU is not in the licensing catalog" },
  HF3202: { title: "service plan to disable is not in the licensing catalog" },
  HF3203: { title: "group tag cannot be used in a dynamic membership rule" },
  HF3205: { title: "name too long or with characters Graph rejects" },
  HF3301: { title: "(retired: blueprint check HF2065) domain-wide password policy also applies to the organisation's own users" },
  HF3401: { title: "app to block is not in the catalog or cannot be denied" },
  HF3402: { title: "the WDAC policy could not be built" },
};
