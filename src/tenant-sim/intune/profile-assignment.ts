/**
 * Autopilot deployment profile assignment as Intune processes it. A profile reaches a registered
 * device through an assignment to one of the device's groups (or all devices); the device's beta
 * `deploymentProfileAssignmentStatus` moves from `notAssigned` to assigned, with
 * `deploymentProfileAssignedDateTime` and the `deploymentProfile` navigation (graph-facts §5.3), only
 * after Intune's processing delay — "It may take a few minutes for the profile to be assigned to the
 * device" (hololens2-autopilot.md, step 8 "Verify the profile status"). Unassigning reverts the same
 * way. `intendedDeploymentProfile` is the profile that reaches the device now. The ticker runs on the
 * tenant clock, so tests move `/_sim/clock` instead of waiting.
 */
import type { SimStore, SimTicker } from "../framework.ts";
import { transitiveGroupIds } from "../directory/membership.ts";
import { assignmentsApply, type AssignmentLike } from "./assignment-resolution.ts";
import { NEVER, type AutopilotIdentityDoc } from "./autopilot-registration.ts";
import type { DeploymentProfileDoc } from "./deployment-profile.ts";

/**
 * Simulated processing delay. Real assignments take "a few minutes" (hololens2-autopilot.md); the
 * local tenant is quicker but still asynchronous, like its Autopilot import (autopilot-import.ts).
 */
export const PROFILE_ASSIGNMENT_DELAY_MS = 30_000;

export const PROFILES_KIND = "windowsAutopilotDeploymentProfiles";
export const IDENTITIES_KIND = "windowsAutopilotDeviceIdentities";
export const PROFILE_ASSIGNMENTS_KIND = "windowsAutopilotDeploymentProfileAssignments";

/** Beta `windowsAutopilotProfileAssignmentStatus` values the local tenant uses. */
export type ProfileAssignmentStatus = "notAssigned" | "assignedInSync" | "failed";

/** What Intune settles a device's assignment to: the profile, or none. */
export interface ProfileAssignmentOutcome {
  profileId: string | null;
  status: ProfileAssignmentStatus;
  /** Beta `windowsAutopilotProfileAssignmentDetailedStatus`. */
  detailedStatus: string;
}

/** A change Intune is still processing; it takes effect at `dueAt` (tenant clock, ISO). */
export interface PendingProfileAssignment extends ProfileAssignmentOutcome {
  dueAt: string;
}

/** The Autopilot identity with the assignment state the ticker keeps (`_` fields stay internal). */
export type AssignmentTrackedIdentity = AutopilotIdentityDoc & {
  _deploymentProfileId?: string | null;
  _pendingProfileAssignment?: PendingProfileAssignment;
};

interface ProfileAssignmentDoc extends AssignmentLike {
  _profileId: string;
}

/**
 * A profile of another device type on a HoloLens 2. Simulated from the beta enum
 * `windowsAutopilotProfileAssignmentDetailedStatus` (windowsPcProfileNotSupported,
 * surfaceHubProfileNotSupported, surfaceHub2SProfileNotSupported, …): the names say a profile of that
 * device type does not apply to this device; no captured report of a mismatched HoloLens was found.
 */
const MISMATCH_DETAIL: Readonly<Record<string, string>> = {
  windowsPc: "windowsPcProfileNotSupported",
  surfaceHub2: "surfaceHubProfileNotSupported",
  surfaceHub2S: "surfaceHub2SProfileNotSupported",
};

const NOT_ASSIGNED: ProfileAssignmentOutcome = { profileId: null, status: "notAssigned", detailedStatus: "none" };

/** The outcome of assigning `profile` (or nothing) to a HoloLens 2. Pure. */
export function assignmentOutcomeFor(profile: Pick<DeploymentProfileDoc, "id" | "deviceType"> | undefined): ProfileAssignmentOutcome {
  if (!profile) return NOT_ASSIGNED;
  if (profile.deviceType === "holoLens") return { profileId: profile.id, status: "assignedInSync", detailedStatus: "none" };
  return { profileId: profile.id, status: "failed", detailedStatus: MISMATCH_DETAIL[profile.deviceType] ?? "none" };
}

/** The profile whose assignments reach the device's Entra object now (the first created, if several). */
export function intendedProfileOf(store: SimStore, identity: Pick<AutopilotIdentityDoc, "_entraObjectId">): DeploymentProfileDoc | undefined {
  const groups = new Set(transitiveGroupIds(store, identity._entraObjectId));
  const assignments = store.list<ProfileAssignmentDoc>(PROFILE_ASSIGNMENTS_KIND);
  return store.list<DeploymentProfileDoc>(PROFILES_KIND).find((p) =>
    assignmentsApply(assignments.filter((a) => a._profileId === p.id), { deviceGroupIds: groups, userGroupIds: new Set(), primaryUserLicensed: false }),
  );
}

function currentOutcome(identity: AssignmentTrackedIdentity): ProfileAssignmentOutcome {
  return {
    profileId: identity._deploymentProfileId ?? null,
    status: identity._beta.deploymentProfileAssignmentStatus as ProfileAssignmentStatus,
    // Identities stored before the detailed status existed have none.
    detailedStatus: identity._beta.deploymentProfileAssignmentDetailedStatus ?? "none",
  };
}

const sameOutcome = (a: ProfileAssignmentOutcome, b: ProfileAssignmentOutcome) =>
  a.profileId === b.profileId && a.status === b.status && a.detailedStatus === b.detailedStatus;

function settled(identity: AssignmentTrackedIdentity, outcome: ProfileAssignmentOutcome, at: string): AssignmentTrackedIdentity {
  const { _pendingProfileAssignment: _done, ...rest } = identity;
  return {
    ...rest,
    _deploymentProfileId: outcome.profileId,
    _beta: {
      ...identity._beta,
      deploymentProfileAssignmentStatus: outcome.status,
      deploymentProfileAssignmentDetailedStatus: outcome.detailedStatus,
      deploymentProfileAssignedDateTime: outcome.profileId ? at : NEVER,
    },
  };
}

/**
 * One processing step for one device, pure: `target` is what its assignments say now. A new target
 * starts the delay; a target that holds until `dueAt` takes effect (dated `dueAt`); a target that
 * returns to the current state cancels the pending change. Returns the identity unchanged (same
 * object) when nothing changes.
 */
export function stepProfileAssignment(identity: AssignmentTrackedIdentity, target: ProfileAssignmentOutcome, now: Date, delayMs = PROFILE_ASSIGNMENT_DELAY_MS): AssignmentTrackedIdentity {
  const pending = identity._pendingProfileAssignment;
  if (sameOutcome(currentOutcome(identity), target)) {
    if (!pending) return identity;
    const { _pendingProfileAssignment: _cancelled, ...rest } = identity;
    return rest;
  }
  if (!pending || !sameOutcome(pending, target)) {
    return { ...identity, _pendingProfileAssignment: { ...target, dueAt: new Date(now.getTime() + delayMs).toISOString() } };
  }
  if (Date.parse(pending.dueAt) > now.getTime()) return identity;
  return settled(identity, target, pending.dueAt);
}

/** Runs a processing step for every registered device; returns how many documents changed. */
export function processProfileAssignments(store: SimStore, now: Date): number {
  let changed = 0;
  store.tx(() => {
    for (const identity of store.list<AssignmentTrackedIdentity>(IDENTITIES_KIND)) {
      const next = stepProfileAssignment(identity, assignmentOutcomeFor(intendedProfileOf(store, identity)), now);
      if (next === identity) continue;
      store.put(IDENTITIES_KIND, next);
      changed++;
    }
  });
  return changed;
}

/**
 * Settles one device's assignment now. A simulated HoloLens is powered on once its profile shows as
 * assigned (hololens2-autopilot.md step 8 comes before the user experience), so enrolment takes the
 * assignment as processed.
 */
export function settleProfileAssignmentNow(store: SimStore, identityId: string, now: Date): void {
  const identity = store.get<AssignmentTrackedIdentity>(IDENTITIES_KIND, identityId);
  if (!identity) return;
  const target = assignmentOutcomeFor(intendedProfileOf(store, identity));
  if (sameOutcome(currentOutcome(identity), target)) {
    if (identity._pendingProfileAssignment) store.put(IDENTITIES_KIND, stepProfileAssignment(identity, target, now));
    return;
  }
  store.put(IDENTITIES_KIND, settled(identity, target, now.toISOString()));
}

/** Runs after dynamic membership, so a device that joined a group this tick is seen in it. */
export const profileAssignmentTicker: SimTicker = {
  name: "autopilot-profile-assignment",
  tick: (store, now) => {
    processProfileAssignments(store, now);
  },
};
