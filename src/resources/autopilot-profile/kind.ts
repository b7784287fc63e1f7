/**
 * `autopilotProfile` (pure): the HoloLens 2 self-deploying profile, beta
 * `azureADWindowsAutopilotDeploymentProfile` (graph-facts §5.1). Identity: the display name among
 * Autopilot profiles; owned by the description marker. Beta answers carry deprecated and current
 * property names side by side (`language`/`locale`, `outOfBoxExperienceSettings`/
 * `outOfBoxExperienceSetting`, …): holofleet writes the current names and reads each value from its
 * current name, falling back to the deprecated one, so neither spelling shows as drift.
 */
import { markedIntuneKind, odataType } from "../intune-profile.ts";
import { emptyAsNull, sortedStrings, toJson } from "../normalise.ts";
import type { Attributes, Json, ResourceKindDefinition } from "../types.ts";

/** Current name → deprecated name (graph-facts §5.1). */
export const DEPRECATED_NAMES: Readonly<Record<string, string>> = {
  locale: "language",
  hardwareHashExtractionEnabled: "extractHardwareHash",
  preprovisioningAllowed: "enableWhiteGlove",
  outOfBoxExperienceSetting: "outOfBoxExperienceSettings",
};

/** Inside `outOfBoxExperienceSetting`: current name → name inside the deprecated `outOfBoxExperienceSettings`. */
export const DEPRECATED_OOBE_NAMES: Readonly<Record<string, string>> = {
  privacySettingsHidden: "hidePrivacySettings",
  eulaHidden: "hideEULA",
  keyboardSelectionPageSkipped: "skipKeyboardSelectionPage",
  escapeLinkHidden: "hideEscapeLink",
  userType: "userType",
  deviceUsageType: "deviceUsageType",
};

const present = (v: unknown) => v !== undefined && v !== null;

function current(source: Record<string, unknown>, key: string, renames: Readonly<Record<string, string>>): unknown {
  const old = renames[key];
  return present(source[key]) || old === undefined ? source[key] : source[old];
}

function normalise(key: string, v: unknown): Json {
  if (key === "@odata.type") return odataType(v);
  if (key === "roleScopeTagIds") return sortedStrings(v);
  if (key === "description" || key === "deviceNameTemplate") return emptyAsNull(v);
  return toJson(v);
}

function attributes(source: Record<string, unknown>, keys: readonly string[], oobeKeys: readonly string[]): Attributes {
  const out: Attributes = {};
  for (const key of keys) {
    if (key === "outOfBoxExperienceSetting") {
      const oobe = (present(source.outOfBoxExperienceSetting) ? source.outOfBoxExperienceSetting : {}) as Record<string, unknown>;
      const old = (present(source.outOfBoxExperienceSettings) ? source.outOfBoxExperienceSettings : {}) as Record<string, unknown>;
      const merged: Record<string, Json> = {};
      for (const k of oobeKeys) merged[k] = toJson(present(oobe[k]) ? oobe[k] : old[DEPRECATED_OOBE_NAMES[k] ?? k]);
      out[key] = merged;
    } else out[key] = normalise(key, current(source, key, DEPRECATED_NAMES));
  }
  return out;
}

const oobeKeysOf = (body: Record<string, unknown>) => Object.keys((body.outOfBoxExperienceSetting ?? {}) as object).sort();

export const autopilotProfileKind: ResourceKindDefinition = {
  kind: "autopilotProfile",
  title: "Autopilot deployment profile",
  desiredAttributes: (body) => attributes(body, Object.keys(body), oobeKeysOf(body)),
  remoteAttributes: (remote, desired) => attributes(remote.data, Object.keys(desired.body), oobeKeysOf(desired.body)),
  ...markedIntuneKind("a profile"),
  blueprintPath: () => ["devices", "autopilot"],
};
