/**
 * The effective OMA-URI settings of a set of profiles: one entry per node (`./Vendor/MSFT/…` and
 * `./Device/Vendor/MSFT/…` are one node, `guide/oma-uri.ts`), with every profile that sets it and the value
 * each sets. Two different values on one node are a conflict: Intune applies neither reliably and reports
 * the setting as conflicting, so the audit gives it no effective value. A value Graph masked (`****`,
 * `isEncrypted`) is opaque: it is known to be set, not to what.
 */
import { omaNodeKey } from "../../guide/oma-uri.ts";
import type { SnapshotDeviceConfiguration } from "../snapshot/schema.ts";

export type OmaValue = string | number | boolean;

export interface OmaSource {
  profileId: string;
  profileName: string;
  omaUri: string;
  /** The Graph type without its prefix (`omaSettingInteger`). */
  type: string;
  /** Null when the value is masked (opaque). */
  value: OmaValue | null;
}

export interface EffectiveSetting {
  key: string;
  /** The OMA-URI as the first profile wrote it. */
  omaUri: string;
  sources: OmaSource[];
  conflict: boolean;
  /** The value when every source agrees and none is opaque; otherwise null. */
  value: OmaValue | null;
  opaque: boolean;
}

const MASK = /^\*+$/;

function sourceOf(profile: SnapshotDeviceConfiguration, s: NonNullable<SnapshotDeviceConfiguration["omaSettings"]>[number]): OmaSource {
  const masked = (s.isEncrypted === true && typeof s.value === "string" && MASK.test(s.value)) || s.value === null;
  return {
    profileId: profile.id,
    profileName: profile.displayName,
    omaUri: s.omaUri,
    type: s["@odata.type"].replace(/^#?microsoft\.graph\./, ""),
    value: masked ? null : (s.value as OmaValue),
  };
}

/** Values compare as text: Intune sends every value as text in SyncML, so Integer 0 and String "0" agree. */
const sameValue = (a: OmaValue, b: OmaValue) => String(a) === String(b);

export function effectiveSettings(profiles: readonly SnapshotDeviceConfiguration[]): Map<string, EffectiveSetting> {
  const byKey = new Map<string, OmaSource[]>();
  for (const profile of profiles) {
    for (const s of profile.omaSettings ?? []) {
      const key = omaNodeKey(s.omaUri);
      const list = byKey.get(key);
      if (list) list.push(sourceOf(profile, s));
      else byKey.set(key, [sourceOf(profile, s)]);
    }
  }
  const out = new Map<string, EffectiveSetting>();
  for (const [key, sources] of byKey) {
    const known = sources.filter((s) => s.value !== null);
    const opaque = known.length < sources.length;
    const conflict = known.some((s) => !sameValue(s.value!, known[0]!.value!));
    out.set(key, { key, omaUri: sources[0]!.omaUri, sources, conflict, value: conflict || opaque ? null : known[0]!.value, opaque });
  }
  return out;
}
