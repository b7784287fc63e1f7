/**
 * Which profiles reach each device, and why (the group path, "all devices", its user), as the console's
 * device page shows it: a small, plain copy of the effective posture's targeting, kept with the latest
 * audit so a page never re-evaluates the tenant. Pure.
 */
import type { EffectivePosture, ProfileOnDevice } from "../posture/effective/evaluate.ts";
import { describePath } from "../posture/effective/targeting.ts";

export interface ProfileReachLine {
  id: string;
  displayName: string;
  /** The Graph type without its namespace (`windows10CustomConfiguration`). */
  type: string;
  /** How it reaches the device (or, for an excluded profile, the exclusion that takes it away). */
  via: string[];
}

export interface DeviceReach {
  serial: string;
  name: string;
  clientId: string | null;
  /** The configuration profiles (update rings included) that apply. */
  profiles: ProfileReachLine[];
  /** Profiles assigned to it that an exclusion group takes away. */
  excluded: ProfileReachLine[];
}

const line = (p: ProfileOnDevice): ProfileReachLine => ({
  id: p.id,
  displayName: p.displayName,
  type: p.type.replace(/^#?microsoft\.graph\./, ""),
  via: p.via.map(describePath),
});

/** Every device of the posture, keyed by upper-case serial (serials are compared without case, as Autopilot does). */
export function deviceReachOf(posture: EffectivePosture): Map<string, DeviceReach> {
  const out = new Map<string, DeviceReach>();
  for (const d of posture.devices) {
    if (!d.serial) continue;
    out.set(d.serial.toUpperCase(), { serial: d.serial, name: d.name, clientId: d.clientId, profiles: d.profiles.map(line), excluded: d.excluded.map(line) });
  }
  return out;
}
