/**
 * `evaluatePosture(snapshot, program)`: the effective posture of every HoloLens device and client account,
 * and the tenant-wide facts the rules need (which profiles reach nothing, the enrollment preconditions).
 * Pure: the snapshot's `takenAt` is the only clock. Devices reached by the same profiles share one
 * `DeviceConfig`, and accounts with the same licence assignments share one plan list, so a fleet of
 * thousands costs a handful of expensive evaluations (kiosk XML, WDAC binaries), not thousands.
 */
import { normalizeBuild } from "../../catalog/index.ts";
import type { AuditProgram } from "../program.ts";
import type {
  SnapshotAutopilotDevice,
  SnapshotDeviceConfiguration,
  SnapshotEnrollmentConfiguration,
  SnapshotManagedDevice,
  SnapshotUser,
  TenantSnapshot,
} from "../snapshot/schema.ts";
import { licenceAssignments, livePlans, passwordPosture, skuIndex, type LicenceAssignment, type LivePlan, type PasswordPosture } from "./accounts.ts";
import type { DecodedPolicyCache } from "./app-control.ts";
import { deviceConfigOf, type DeviceConfig } from "./device-config.ts";
import { buildDirectory, type Directory } from "./directory.ts";
import { isolationReach, type IsolationReach } from "./isolation.ts";
import { effectiveSettings } from "./oma-values.ts";
import { reachOf, type TargetPath, type TargetingSubject } from "./targeting.ts";

const DAY_MS = 86_400_000;
const HOLOLENS_MODEL = /hololens/i;
const UPDATE_RING_TYPE = "windowsUpdateForBusinessConfiguration";
const ESP_TYPE = "windows10EnrollmentCompletionPageConfiguration";

export const odataTypeName = (t: string): string => t.replace(/^#?microsoft\.graph\./, "");

export interface ProfileOnDevice {
  id: string;
  displayName: string;
  type: string;
  via: TargetPath[];
}

export interface ReportedState {
  profileId: string;
  displayName: string;
  state: string;
  /** Settings the device reported as error or conflict. */
  problems: { setting: string; state: string; errorCode: number | null }[];
}

export interface DevicePosture {
  id: string;
  name: string;
  serial: string;
  clientId: string | null;
  managed: SnapshotManagedDevice;
  /** The Entra device object (null when Entra has no device with this `azureADDeviceId`). */
  entraObjectId: string | null;
  /** `major.minor` build, null when `osVersion` is not a HoloLens build. */
  build: string | null;
  primaryUser: SnapshotUser | null;
  profiles: ProfileOnDevice[];
  /** Profiles an exclusion group takes away from this device. */
  excluded: ProfileOnDevice[];
  config: DeviceConfig;
  updateRings: ProfileOnDevice[];
  reported: ReportedState[];
  autopilot: SnapshotAutopilotDevice | null;
  /** The Enrollment Status Page that applies to the device (the assigned one first by priority, else the default). */
  esp: SnapshotEnrollmentConfiguration | null;
  owners: { id: string; userPrincipalName: string | null }[];
}

export interface AccountPosture {
  user: SnapshotUser;
  clientId: string;
  licences: LicenceAssignment[];
  plans: LivePlan[];
  password: PasswordPosture;
  isolation: IsolationReach;
  /** Serials of the HoloLens devices the account is known to use. */
  devices: string[];
}

export interface ProfileReach {
  profile: SnapshotDeviceConfiguration;
  /** HoloLens devices it reaches. */
  devices: number;
  /** Each include target with the members it has (a dynamic group shows its rule). */
  targets: { kind: string; groupId: string | null; groupName: string | null; exists: boolean; members: number; membershipRule: string | null }[];
}

export interface EnrollmentPreconditions {
  mdmScope: { appliesTo: string; groups: string[] } | null;
  /** Platform restrictions that block Windows enrollment, with whether they reach all devices or some groups. */
  windowsBlockedBy: { id: string; displayName: string; priority: number; assignedTo: string }[];
  entraJoin: { allowed: "all" | "selected" | "none" | "unknown"; detail: string } | null;
}

export interface EffectivePosture {
  takenAt: number;
  program: AuditProgram;
  directory: Directory;
  devices: DevicePosture[];
  accounts: AccountPosture[];
  profiles: ProfileReach[];
  autopilotProfiles: { profile: TenantSnapshot["windowsAutopilotDeploymentProfiles"][number]; devices: number }[];
  enrollment: EnrollmentPreconditions;
}

function enrollmentReach(configs: readonly SnapshotEnrollmentConfiguration[], subject: TargetingSubject, dir: Directory, type: string): SnapshotEnrollmentConfiguration | null {
  const ofType = configs.filter((c) => odataTypeName(c["@odata.type"]) === type);
  const isDefault = (c: SnapshotEnrollmentConfiguration) => (c.deviceEnrollmentConfigurationType ?? "").toLowerCase().startsWith("default");
  const assigned = ofType.filter((c) => !isDefault(c) && reachOf(c.assignments, subject, dir).reaches).sort((a, b) => a.priority - b.priority);
  return assigned[0] ?? ofType.find(isDefault) ?? null;
}

function preconditions(snapshot: TenantSnapshot, dir: Directory): EnrollmentPreconditions {
  const intune = snapshot.mobileDeviceManagementPolicies.find((p) => /intune/i.test(p.displayName ?? "") || p.id === "0000000a-0000-0000-c000-000000000000") ?? snapshot.mobileDeviceManagementPolicies[0];
  const windowsBlockedBy = snapshot.deviceEnrollmentConfigurations.flatMap((c) => {
    const type = odataTypeName(c["@odata.type"]);
    const restriction =
      type === "deviceEnrollmentPlatformRestrictionsConfiguration"
        ? (c.windowsRestriction as { platformBlocked?: boolean } | undefined)
        : type === "deviceEnrollmentPlatformRestrictionConfiguration" && String(c.platformType ?? "").toLowerCase() === "windows"
          ? (c.platformRestriction as { platformBlocked?: boolean } | undefined)
          : undefined;
    if (!restriction?.platformBlocked) return [];
    const assignedTo = c.assignments.length === 0 && (c.deviceEnrollmentConfigurationType ?? "").toLowerCase().startsWith("default")
      ? "all users and all devices (default)"
      : c.assignments.map((a) => (a.target.groupId ? (dir.groupsById.get(a.target.groupId)?.displayName ?? a.target.groupId) : odataTypeName(a.target["@odata.type"]))).join(", ") || "no one";
    return [{ id: c.id, displayName: c.displayName ?? c.id, priority: c.priority, assignedTo }];
  });
  const join = snapshot.deviceRegistrationPolicy?.azureADJoin?.allowedToJoin;
  const joinType = join ? odataTypeName(join["@odata.type"]) : null;
  return {
    mdmScope: intune ? { appliesTo: intune.appliesTo, groups: intune.includedGroups.map((g) => g.displayName ?? g.id) } : null,
    windowsBlockedBy,
    entraJoin: !snapshot.deviceRegistrationPolicy
      ? null
      : joinType === "allDeviceRegistrationMembership"
        ? { allowed: "all", detail: "all users may join devices to Microsoft Entra ID" }
        : joinType === "noDeviceRegistrationMembership"
          ? { allowed: "none", detail: "no one may join devices to Microsoft Entra ID" }
          : joinType === "enumeratedDeviceRegistrationMembership"
            ? { allowed: "selected", detail: `only ${(join!.users ?? []).length} user(s) and ${(join!.groups ?? []).length} group(s) may join devices` }
            : { allowed: "unknown", detail: `unrecognised membership type ${joinType}` },
  };
}

export function evaluatePosture(snapshot: TenantSnapshot, program: AuditProgram): EffectivePosture {
  const takenAt = Date.parse(snapshot.takenAt);
  const dir = buildDirectory(snapshot);
  const skus = skuIndex(snapshot.subscribedSkus);
  const policyCache: DecodedPolicyCache = new Map();
  const configCache = new Map<string, DeviceConfig>();
  const autopilotBySerial = new Map(snapshot.windowsAutopilotDeviceIdentities.map((a) => [a.serialNumber.toUpperCase(), a]));
  const domains = new Map(snapshot.domains.map((d) => [d.id.toLowerCase(), d]));
  const profileDevices = new Map<string, number>();
  const autopilotDevices = new Map<string, number>();

  const hololens = snapshot.managedDevices.filter((d) => HOLOLENS_MODEL.test(d.model ?? "") || program.clientOfSerial.has((d.serialNumber ?? "").toUpperCase()));
  const devices: DevicePosture[] = hololens.map((managed) => {
    const entra = managed.azureADDeviceId ? dir.devicesByDeviceId.get(managed.azureADDeviceId.toLowerCase()) : undefined;
    const user = managed.userId ? (dir.usersById.get(managed.userId) ?? null) : managed.userPrincipalName ? (dir.usersByUpn.get(managed.userPrincipalName.toLowerCase()) ?? null) : null;
    const subject: TargetingSubject = { deviceObjectId: entra?.id ?? null, userId: user?.id ?? null, userLicensed: (user?.assignedLicenses.length ?? 0) > 0 };
    const profiles: ProfileOnDevice[] = [];
    const excluded: ProfileOnDevice[] = [];
    for (const p of snapshot.deviceConfigurations) {
      const reach = reachOf(p.assignments, subject, dir);
      const entry = { id: p.id, displayName: p.displayName, type: odataTypeName(p["@odata.type"]), via: reach.via };
      if (reach.reaches) {
        profiles.push(entry);
        profileDevices.set(p.id, (profileDevices.get(p.id) ?? 0) + 1);
      } else if (reach.via.length) excluded.push({ ...entry, via: reach.excludedBy });
    }
    const key = profiles.map((p) => p.id).join("|");
    let config = configCache.get(key);
    if (!config) {
      const reaching = new Set(profiles.map((p) => p.id));
      config = deviceConfigOf(effectiveSettings(snapshot.deviceConfigurations.filter((p) => reaching.has(p.id))), policyCache);
      configCache.set(key, config);
    }
    const serial = managed.serialNumber ?? "";
    const autopilot = autopilotBySerial.get(serial.toUpperCase()) ?? null;
    if (autopilot?.deploymentProfile) autopilotDevices.set(autopilot.deploymentProfile.id, (autopilotDevices.get(autopilot.deploymentProfile.id) ?? 0) + 1);
    const clientId = program.clientOfSerial.get(serial.toUpperCase()) ?? (user ? (program.clientOfAccount.get(user.userPrincipalName.toLowerCase()) ?? null) : null);
    return {
      id: managed.id,
      name: managed.deviceName ?? serial,
      serial,
      clientId,
      managed,
      entraObjectId: entra?.id ?? null,
      build: managed.osVersion ? (normalizeBuild(managed.osVersion) ?? null) : null,
      primaryUser: user,
      profiles,
      excluded,
      config,
      updateRings: profiles.filter((p) => p.type === UPDATE_RING_TYPE),
      reported: managed.deviceConfigurationStates.map((s) => ({
        profileId: s.id,
        displayName: s.displayName ?? s.id,
        state: s.state,
        problems: (s.settingStates ?? []).filter((x) => x.state === "error" || x.state === "conflict").map((x) => ({ setting: x.setting ?? x.settingName ?? "?", state: x.state, errorCode: x.errorCode ?? null })),
      })),
      autopilot,
      esp: enrollmentReach(snapshot.deviceEnrollmentConfigurations, subject, dir, ESP_TYPE),
      owners: (entra?.registeredOwners ?? []).map((o) => ({ id: o.id, userPrincipalName: o.userPrincipalName ?? dir.usersById.get(o.id)?.userPrincipalName ?? null })),
    };
  });

  // Client accounts: the program's accounts that exist in the tenant.
  const serialsOf = new Map<string, string[]>();
  for (const c of program.blueprint.clients) for (const a of c.accounts) serialsOf.set(a.userPrincipalName.toLowerCase(), a.devices);
  for (const d of devices) {
    const upn = d.primaryUser?.userPrincipalName.toLowerCase();
    if (upn && !(serialsOf.get(upn) ?? []).includes(d.serial)) serialsOf.set(upn, [...(serialsOf.get(upn) ?? []), d.serial]);
  }
  const clientAccounts = snapshot.users.flatMap((user) => {
    const clientId = program.clientOfAccount.get(user.userPrincipalName.toLowerCase());
    return clientId ? [{ user, clientId }] : [];
  });
  const reach = isolationReach({ mode: program.blueprint.isolation.mode, evidence: snapshot.evidence, dir, accounts: clientAccounts });
  const planCache = new Map<string, { licences: LicenceAssignment[]; plans: LivePlan[] }>();
  const loanDaysOf = new Map(program.clients.map((c) => [c.id, c.loanDays]));
  const accounts: AccountPosture[] = clientAccounts.map(({ user, clientId }) => {
    const key = JSON.stringify(user.licenseAssignmentStates ?? user.assignedLicenses);
    let lic = planCache.get(key);
    if (!lic) {
      const licences = licenceAssignments(user, skus, dir);
      lic = { licences, plans: livePlans(licences, skus) };
      planCache.set(key, lic);
    }
    const upn = user.userPrincipalName.toLowerCase();
    const fleetLoan = program.loans.has(upn);
    const loanDays = loanDaysOf.get(clientId) ?? null;
    const returnAt = fleetLoan ? (program.loans.get(upn) === null ? null : Date.parse(program.loans.get(upn)!)) : loanDays === null ? null : takenAt + loanDays * DAY_MS;
    const loanSource = fleetLoan ? "fleet" : program.source === "blueprint" ? "blueprint" : "none";
    return {
      user,
      clientId,
      licences: lic.licences,
      plans: lic.plans,
      password: passwordPosture(user, domains, returnAt, loanSource),
      isolation: reach.get(user.id)!,
      devices: serialsOf.get(upn) ?? [],
    };
  });

  const profiles: ProfileReach[] = snapshot.deviceConfigurations.map((profile) => ({
    profile,
    devices: profileDevices.get(profile.id) ?? 0,
    targets: profile.assignments
      .filter((a) => !odataTypeName(a.target["@odata.type"]).startsWith("exclusion"))
      .map((a) => {
        const group = a.target.groupId ? dir.groupsById.get(a.target.groupId) : undefined;
        return {
          kind: odataTypeName(a.target["@odata.type"]),
          groupId: a.target.groupId ?? null,
          groupName: group?.displayName ?? null,
          exists: a.target.groupId ? group !== undefined : true,
          members: group?.transitiveMembers.length ?? 0,
          membershipRule: group?.membershipRule ?? null,
        };
      }),
  }));

  return {
    takenAt,
    program,
    directory: dir,
    devices,
    accounts,
    profiles,
    autopilotProfiles: snapshot.windowsAutopilotDeploymentProfiles.map((profile) => ({ profile, devices: autopilotDevices.get(profile.id) ?? 0 })),
    enrollment: preconditions(snapshot, dir),
  };
}
