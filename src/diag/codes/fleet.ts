import type { CodeInfo } from "../codes.ts";

/** HF8xxx: the fleet (devices, loans, passwords) and, later, the console. HF80xx: the hardware-hash CSV. */
export const fleetCodes: Record<string, CodeInfo> = {
  HF8001: { title: "hardware-hash CSV too large" },
  HF8002: { title: "hardware-hash CSV not in a supported encoding" },
  HF8003: { title: "hardware-hash CSV header not recognised" },
  HF8004: { title: "hardware-hash CSV malformed (quotes)" },
  HF8005: { title: "hardware-hash CSV row with the wrong number of fields" },
  HF8006: { title: "device serial number missing or implausible" },
  HF8007: { title: "hardware hash missing, not base64, or of an implausible length" },
  HF8008: { title: "serial number listed twice in the file" },
  HF8009: { title: "hardware hash listed twice in the file" },
  HF8010: { title: "Windows Product ID implausible" },
  HF8011: { title: "group tag implausible" },
  HF8012: { title: "assigned user on a HoloLens 2 (self-deploying mode has none)" },
  HF8013: { title: "hardware-hash CSV has no device rows" },
  // HF81xx: fleet operations (import, loans, passwords) against the tenant.
  HF8101: { title: "device already in the fleet store with another hardware hash" },
  HF8102: { title: "group tag in the CSV differs from the program's" },
  HF8103: { title: "Windows Autopilot import of a device failed" },
  HF8104: { title: "Windows Autopilot import still pending when the wait ended" },
  HF8105: { title: "device not in the fleet store" },
  HF8106: { title: "loan transition not allowed now" },
  HF8107: { title: "another operator changed the device first" },
  HF8108: { title: "client account not ready for a loan (missing, unlicensed or outside its client group)" },
  HF8109: { title: "device fails a device rule of the audit" },
  HF8110: { title: "client not in the blueprint" },
  HF8111: { title: "password file cannot be written" },
  HF8112: { title: "account not a client account of the blueprint" },
  HF8113: { title: "device reset through Intune failed" },
  HF8114: { title: "fleet store error" },
  // HF82xx: the console.
  HF8201: { title: "console form field missing or invalid" },
  HF8202: { title: "the tenant refused a console action" },
  HF8203: { title: "console user not found or not valid" },
  HF8204: { title: "console asked to listen beyond loopback without --allow-remote" },
  HF8205: { title: "console Entra ID sign-in without an app credential" },
};
