/**
 * Constructors for Graph `omaSetting` values and the record each setting family returns: the setting
 * plus the blueprint key it comes from, so a check that fails can point at the line that caused it.
 */
import type { OmaSetting } from "../types.ts";

/** Key path in the blueprint, e.g. `["devices", "usb"]`. */
export type KeyPath = (string | number)[];

export interface SourcedOmaSetting {
  setting: OmaSetting;
  /** The blueprint key the value comes from. */
  path: KeyPath;
}

/** Policy CSP device scope, the form the HoloLens docs use (hololens-facts conventions). */
export const POLICY_CONFIG = "./Device/Vendor/MSFT/Policy/Config";

export function omaInteger(displayName: string, description: string, omaUri: string, value: number): OmaSetting {
  return { "@odata.type": "#microsoft.graph.omaSettingInteger", displayName, description, omaUri, value };
}

export function omaBoolean(displayName: string, description: string, omaUri: string, value: boolean): OmaSetting {
  return { "@odata.type": "#microsoft.graph.omaSettingBoolean", displayName, description, omaUri, value };
}

export function omaString(displayName: string, description: string, omaUri: string, value: string): OmaSetting {
  return { "@odata.type": "#microsoft.graph.omaSettingString", displayName, description, omaUri, value };
}

/** Base64 text plus the file name Intune shows for an uploaded "Base64 (file)" value. */
export function omaBase64(displayName: string, description: string, omaUri: string, value: string, fileName: string): OmaSetting {
  return { "@odata.type": "#microsoft.graph.omaSettingBase64", displayName, description, omaUri, value, fileName };
}

/** 0/1 as the Policy CSP's allow/deny integers use them. */
export function allowInt(allowed: boolean): 0 | 1 {
  return allowed ? 1 : 0;
}
