/**
 * Diagnostic codes of the blueprint: HF1xxx for YAML syntax and schema problems (reported by
 * `blueprint/load.ts`), HF2xxx for semantic checks across sections (`blueprint/checks/`).
 * Codes are stable: never renumber; retire a code by leaving it here with "(retired)".
 */
import type { CodeInfo } from "../codes.ts";

export const blueprintCodes: Record<string, CodeInfo> = {
  // Syntax and structure
  HF1001: { title: "YAML syntax error" },
  HF1002: { title: "duplicate key in a YAML mapping" },
  HF1003: { title: "tab character used for indentation" },
  HF1004: { title: "blueprint is empty or not a mapping" },
  HF1005: { title: "more than one YAML document in a blueprint file" },
  // Schema
  HF1010: { title: "unknown key" },
  HF1011: { title: "required key missing" },
  HF1012: { title: "value has the wrong type" },
  HF1013: { title: "value is not one of the allowed values" },
  HF1014: { title: "value out of range" },
  HF1015: { title: "value has an invalid format" },
  HF1016: { title: "unknown OS release or build" },
  HF1017: { title: "duplicate entry in a list" },
  HF1018: { title: "control character, line break or blank in a name" },
  HF1019: { title: "invalid value" },
  HF1020: { title: "unknown group in the console's Entra role mapping" },
  // Retired keys (a migration diagnostic instead of "unknown key")
  HF1030: { title: "key removed from holofleet/v1" },
  // Semantic checks
  HF2001: { title: "kiosk app is blocked by app control" },
  HF2002: { title: "calling app is blocked by app control" },
  HF2003: { title: "browser allowed while client accounts use single sign-on" },
  HF2004: { title: "password expires during the planned loan" },
  HF2005: { title: "extended password expiry is not longer than 90 days" },
  HF2006: { title: "information barriers without an information-barrier-capable licence" },
  HF2007: { title: "settings page is not a network page" },
  HF2008: { title: "unknown settings page" },
  HF2009: { title: "settings page deprecated at the OS baseline" },
  HF2010: { title: "OS baseline older than a feature the blueprint uses" },
  HF2011: { title: "unknown app" },
  HF2012: { title: "unknown SKU" },
  HF2013: { title: "unknown service plan" },
  HF2014: { title: "auto-launch app is not a kiosk app" },
  HF2015: { title: "app cannot be used in a kiosk" },
  HF2016: { title: "app must not be denied by app control" },
  HF2017: { title: "duplicate client id" },
  HF2018: { title: "duplicate user principal name" },
  HF2019: { title: "user principal name outside the tenant domain" },
  HF2020: { title: "company-resource service plans left on" },
  HF2021: { title: "USB data connection left on" },
  HF2022: { title: "developer mode allowed" },
  HF2023: { title: "device shared by accounts of different clients" },
  HF2024: { title: "password expires during a loan with rotate-on-return" },
  HF2025: { title: "calling app missing from the kiosk" },
  HF2026: { title: "app control lists a browser while the browser is allowed" },
  HF2027: { title: "Teams service plan disabled" },
  HF2028: { title: "acknowledgement without a matching finding" },
  HF2029: { title: "manual Wi-Fi configuration blocked" },
  HF2030: { title: "group name beyond Graph's length limits" },
  HF2031: { title: "update ring schedule that the automatic update mode ignores" },
  // Isolation and common restrictions (HF2050–HF2059)
  HF2050: { title: "scoped directory search without a mailbox on client accounts" },
  HF2051: { title: "camera or microphone denied to the calling app" },
  HF2052: { title: "Wi-Fi turned off" },
  HF2053: { title: "storage cards off while provisioning packages are allowed over USB" },
  // Licensing, passwords and tenant lockdown (HF2060–HF2069)
  HF2060: { title: "tenant lockdown without Autopilot" },
  HF2061: { title: "licence the program needs is missing" },
  HF2062: { title: "service plan entry that changes nothing" },
  HF2063: { title: "service plan both kept on and disabled" },
  HF2064: { title: "SKU that gives client accounts nothing the program needs" },
  HF2065: { title: "extended password expiry on a domain that holds other accounts" },
  HF2066: { title: "account outside the domain whose password expiry is extended" },
  // Service tenant: how experts reach clients (HF2070–HF2079).
  HF2070: { title: "service tenant without experts.access" },
  HF2071: { title: "experts key without effect in this tenant model" },
  HF2072: { title: "service tenant without expert addresses" },
  HF2073: { title: "federated experts leave the information-barrier experts segment empty" },
};
