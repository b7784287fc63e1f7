/**
 * Intune custom configuration profiles (`#microsoft.graph.windows10CustomConfiguration`, graph-facts §4.1),
 * one per concern so a device's status shows which part failed: the kiosk, the device restrictions, and
 * app control (which needs a reboot). Settings are sorted by OMA-URI so the body is canonical.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import type { DesiredResource, OmaSetting } from "../types.ts";
import { addresses } from "./addresses.ts";
import { ownedDescription, prefixedName } from "./naming.ts";

/** Graph's documented maximum of `omaSettings` per profile. */
export const OMA_SETTINGS_MAX = 1000;

export interface CustomProfileSpec {
  address: string;
  name: string;
  description: string;
  settings: OmaSetting[];
}

export function customConfiguration(bp: Blueprint, spec: CustomProfileSpec): DesiredResource {
  const settings = [...spec.settings].sort((a, b) => (a.omaUri < b.omaUri ? -1 : a.omaUri > b.omaUri ? 1 : 0));
  if (settings.length > OMA_SETTINGS_MAX) throw new Error(`${spec.address}: more than ${OMA_SETTINGS_MAX} OMA settings`);
  return {
    kind: "customConfiguration",
    address: spec.address,
    api: "v1.0",
    collection: "/deviceManagement/deviceConfigurations",
    body: {
      "@odata.type": "#microsoft.graph.windows10CustomConfiguration",
      description: ownedDescription(bp, spec.description),
      displayName: prefixedName(bp, spec.name),
      omaSettings: settings,
    },
    dependsOn: [],
  };
}

export const PROFILE_SPECS = {
  kiosk: { address: addresses.kioskProfile, name: "HoloLens 2 kiosk", description: "Global assigned access kiosk (guide §GR-5)." },
  restrictions: {
    address: addresses.restrictionsProfile,
    name: "HoloLens 2 device restrictions",
    description: "Tenant lock, developer mode, USB, Store updates, Settings pages and common restrictions (guide §GR-4, §GR-6, §GR-8, §GR-9, §GR-11).",
  },
  appControl: { address: addresses.appControlProfile, name: "HoloLens 2 app control", description: "WDAC deny policy (guide §GR-7, §CC chat history)." },
} as const;
