/**
 * Test fixture: a fully defaulted, secure `Blueprint` built in code (no YAML, no loader), so compiler
 * tests do not depend on the blueprint loader. Every value follows the guide's recommended posture;
 * tests override only what they exercise: `secureBlueprint({ devices: { usb: "on" } })`.
 */
import type { Blueprint } from "../../blueprint/types.ts";

/** Objects merge key by key; arrays and scalars replace. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

function baseBlueprint(): Blueprint {
  return {
    apiVersion: "holofleet/v1",
    metadata: { name: "contoso-field-service", description: "HoloLens 2 devices loaned to Contoso's clients" },
    tenant: {
      id: null,
      domain: "contoso.onmicrosoft.com",
      clientDomain: null,
      model: "same-tenant",
      namingPrefix: "HF",
      usageLocation: "US",
    },
    licensing: {
      skus: ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM"],
      enabledServicePlans: [],
      disabledServicePlans: [],
    },
    devices: {
      osBaseline: { build: "22621.1266", requested: "latest-known" },
      autopilot: {
        enabled: true,
        profileName: "HoloLens 2 self-deploying",
        groupTag: "HF-HL2",
        deviceNameTemplate: "HL-%RAND:4%",
        language: "os-default",
        autoConfigureKeyboard: true,
      },
      enrollmentStatusPage: {
        enabled: true,
        name: "HoloLens 2 enrollment status",
        installTimeoutMinutes: 60,
        errorMessage: "Setup could not be completed. Call Contoso support on +1 555 0100.",
        allowResetOnFailure: true,
        allowLogCollection: true,
      },
      tenantLockdown: true,
      kiosk: {
        enabled: true,
        mode: "global",
        apps: ["remote-assist", "settings"],
        autoLaunch: "remote-assist",
        callingApp: "remote-assist",
        exclusions: [],
        profileId: "{8739C257-184F-45DD-8657-C235819172A3}",
        showTaskbar: true,
      },
      developerMode: false,
      usb: "off",
      appControl: {
        enabled: true,
        policyId: "{A244370E-44C9-4C06-B551-F6016E563076}",
        policyName: "HoloLens client deny list",
        policyVersion: "10.0.0.0",
        blockApps: ["edge", "edge-legacy", "store", "mail", "calendar", "onedrive"],
        blockBrowser: true,
      },
      storeAutoUpdate: true,
      settingsPages: {
        mode: "showonly",
        pages: ["network-wifi", "network-wifisettings", "network-status", "wifi-provisioning", "network-vpn", "network-airplanemode"],
      },
      updateRing: {
        enabled: true,
        name: "HoloLens 2 updates",
        qualityDeferralDays: 0,
        featureDeferralDays: 0,
        automaticUpdateMode: "autoInstallAtMaintenanceTime",
        installDay: "everyday",
        installTime: 3,
        activeHoursStart: 8,
        activeHoursEnd: 17,
        allowPause: false,
      },
      restrictions: {
        allowManualMdmUnenrollment: false,
        allowMicrosoftAccount: false,
        allowBluetooth: true,
        allowVpn: false,
        allowManualWifiConfiguration: true,
        allowDateTimeChange: false,
        requirePrivateStoreOnly: null,
        captivePortalBeforeLogon: true,
        allowRemoveProvisioningPackage: false,
        allowWifi: true,
        letAppsAccessCamera: null,
        letAppsAccessMicrophone: null,
        displayOffTimeoutOnBattery: null,
        displayOffTimeoutPluggedIn: null,
        allowStorageCard: true,
      },
    },
    isolation: { mode: "baseline" },
    experts: { groupName: "Experts", segmentName: "Experts", access: null, addresses: [], guestRedirectUrl: "https://myapplications.microsoft.com" },
    clients: [
      {
        id: "fabrikam",
        displayName: "Fabrikam, Inc.",
        usageLocation: "DE",
        loanDays: 60,
        accounts: [
          { userPrincipalName: "fabrikam-hl01@contoso.onmicrosoft.com", displayName: "Fabrikam HoloLens 01", devices: ["SN-0001"] },
        ],
      },
    ],
    passwords: { policy: "rotate-on-return", maxAgeDays: 90, length: 16 },
    acknowledge: [],
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function mergeDeep(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? mergeDeep(current, value) : structuredClone(value);
  }
  return out;
}

/** A secure, fully defaulted blueprint; `overrides` merge into it (arrays and scalars replace). */
export function secureBlueprint(overrides: DeepPartial<Blueprint> = {}): Blueprint {
  return mergeDeep(
    baseBlueprint() as unknown as Record<string, unknown>,
    overrides as unknown as Record<string, unknown>,
  ) as unknown as Blueprint;
}
