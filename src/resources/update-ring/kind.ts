/**
 * `updateRing` (pure): the `windowsUpdateForBusinessConfiguration` for HoloLens 2 (graph-facts §4.3).
 * Identity: the display name among update rings; owned by the description marker. Every property
 * the blueprint sets is compared — the service fills in many more with defaults, which are not
 * holofleet's and never drift; times of day compare without Intune's seven-digit fractions.
 */
import { markedIntuneKind, odataType } from "../intune-profile.ts";
import { emptyAsNull, normaliseTimeOfDay, toJson } from "../normalise.ts";
import type { Attributes, Json, ResourceKindDefinition } from "../types.ts";

function normaliseValue(key: string, v: unknown): Json {
  if (key === "@odata.type") return odataType(v);
  if (key === "description") return emptyAsNull(v);
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const out: Record<string, Json> = {};
    for (const k of Object.keys(o).sort()) out[k] = k === "@odata.type" ? odataType(o[k]) : (toJson(normaliseTimeOfDay(o[k])) as Json);
    return out;
  }
  return toJson(v);
}

function pickAs(source: Record<string, unknown>, keys: readonly string[]): Attributes {
  const out: Attributes = {};
  for (const k of keys) out[k] = normaliseValue(k, source[k]);
  return out;
}

export const updateRingKind: ResourceKindDefinition = {
  kind: "updateRing",
  title: "update ring",
  desiredAttributes: (body) => pickAs(body, Object.keys(body)),
  remoteAttributes: (remote, desired) => pickAs(remote.data, Object.keys(desired.body)),
  ...markedIntuneKind("a profile"),
  blueprintPath: () => ["devices", "updateRing"],
};
