/**
 * `customConfiguration` (pure): a `windows10CustomConfiguration` of OMA-URI settings — the kiosk,
 * the device restrictions, app control (graph-facts §4.1). Identity: the display name, among
 * custom configurations; owned by the description marker. Settings compare by OMA-URI, each with its
 * type, names and value. String values read back as `****` (every one of them, the kiosk XML and
 * the Settings page list included): the provider replaces them with their plaintext from
 * `getOmaSettingPlainTextValue`, so masking is never drift and a real edit is never missed.
 */
import { markedIntuneKind, odataType } from "../intune-profile.ts";
import { emptyAsNull, toJson } from "../normalise.ts";
import type { Attributes, Json, ResourceKindDefinition } from "../types.ts";

interface OmaSettingLike {
  "@odata.type"?: unknown;
  displayName?: unknown;
  description?: unknown;
  omaUri?: unknown;
  value?: unknown;
  fileName?: unknown;
}

/** Settings keyed by OMA-URI (a profile never sets one twice: HF3008). */
export function omaSettingsByUri(list: unknown): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const s of (Array.isArray(list) ? list : []) as OmaSettingLike[]) {
    out[String(s.omaUri)] = {
      "@odata.type": odataType(s["@odata.type"]),
      description: emptyAsNull(s.description),
      displayName: toJson(s.displayName),
      fileName: emptyAsNull(s.fileName),
      value: toJson(s.value),
    };
  }
  return out;
}

function attributes(source: Record<string, unknown>): Attributes {
  return {
    "@odata.type": odataType(source["@odata.type"]),
    description: emptyAsNull(source.description),
    displayName: toJson(source.displayName),
    omaSettings: omaSettingsByUri(source.omaSettings),
  };
}

export const customConfigurationKind: ResourceKindDefinition = {
  kind: "customConfiguration",
  title: "custom configuration profile",
  desiredAttributes: attributes,
  remoteAttributes: (remote) => attributes(remote.data),
  ...markedIntuneKind("a profile"),
  blueprintPath(resource) {
    if (resource.address.endsWith(".kiosk")) return ["devices", "kiosk"];
    if (resource.address.endsWith(".app-control")) return ["devices", "appControl"];
    return ["devices"];
  },
};
