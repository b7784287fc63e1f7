/**
 * `snapshotOfAppliedProgram(compiled, options)`: the snapshot a tenant gives back after the compiled
 * program was applied correctly — every desired resource created (with ids), assignments made, licences
 * processed, and N simulated HoloLens 2 devices registered with Autopilot, enrolled and reporting every
 * setting as applied. It is the compliant base the rule tests patch, the reference the e2e tests compare
 * with, and the benchmark's input. Pure and deterministic: ids are name-based UUIDs, times come from
 * `options.takenAt`.
 */
import type { Blueprint } from "../../blueprint/types.ts";
import { uuidV5 } from "../../blueprint/stable-guid.ts";
import { findSku } from "../../catalog/index.ts";
import { addresses } from "../../compile/graph/addresses.ts";
import type { CompileResult, DesiredResource } from "../../compile/types.ts";
import type { Evidence } from "../evidence/schema.ts";
import { SNAPSHOT_FORMAT_VERSION, type TenantSnapshot } from "./schema.ts";

export interface AppliedProgramOptions {
  /** The snapshot's clock (ISO 8601). */
  takenAt: string;
  /** How many HoloLens 2 devices to simulate (the blueprint's serials first, then `HL2-SIM-000001`, …). */
  devices: number;
  /** Total client accounts; beyond the compiled ones, simulated accounts are spread over the clients. */
  accounts?: number;
  /** OS version the devices report; default the compile's baseline (`10.0.<build>`). */
  osVersion?: string;
  /** Days since every client password was last set; default 0 (reset as the device ships, the guide's option 4). */
  passwordAgeDays?: number;
  /** The blueprint behind `compiled`, for what the desired state does not carry (device serials, segment names). */
  blueprint?: Blueprint;
  /** Tenant id; default a name-based UUID of the domain. */
  tenantId?: string;
}

const DAY_MS = 86_400_000;
const INTUNE_DEFAULT_PRIORITY = 0;

/** A name-based id, stable across runs for the same program. */
function idOf(domain: string, ...parts: (string | number)[]): string {
  return uuidV5(`snapshot/${domain}/${parts.join("/")}`);
}

/** Replaces `{ "$ref": address }` placeholders with the resource's id; drops `@odata.bind` arrays (applied as members). */
function resolveRefs(value: unknown, idOfAddress: (address: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, idOfAddress));
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === "string" && Object.keys(record).length === 1) return idOfAddress(record.$ref);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) if (!k.endsWith("@odata.bind")) out[k] = resolveRefs(v, idOfAddress);
    return out;
  }
  return value;
}

function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

const ref = (type: "user" | "device" | "group", id: string): { "@odata.type": string; id: string } => ({ "@odata.type": `#microsoft.graph.${type}`, id });

export function snapshotOfAppliedProgram(compiled: CompileResult, options: AppliedProgramOptions): TenantSnapshot {
  const now = Date.parse(options.takenAt);
  if (Number.isNaN(now)) throw new RangeError(`takenAt is not a date-time: ${options.takenAt}`);
  const desired = new Map(compiled.desired.map((r) => [r.address, r]));
  const ofKind = (kind: DesiredResource["kind"]) => compiled.desired.filter((r) => r.kind === kind);
  const compiledUsers = ofKind("user");
  const domain = options.blueprint?.tenant.domain ?? (compiledUsers[0]?.body.userPrincipalName as string | undefined)?.split("@")[1];
  if (!domain) throw new Error("snapshotOfAppliedProgram needs a client account or options.blueprint to know the tenant domain");
  const address = (a: string) => idOf(domain, "object", a);
  const tenantId = options.tenantId ?? idOf(domain, "tenant");
  const at = (daysAgo: number) => isoAt(now - daysAgo * DAY_MS);

  // Clients and their accounts: the compiled ones, then simulated accounts round-robin over the client groups.
  const clientGroups = ofKind("group").filter((g) => g.address.startsWith("group.client-"));
  const accountsByClient = new Map<string, Record<string, unknown>[]>(clientGroups.map((g) => [g.address, []]));
  const departmentOf = new Map<string, string>();
  for (const user of compiledUsers) {
    const group = clientGroups.find((g) => (g.dependsOn ?? []).includes(user.address));
    if (group) accountsByClient.get(group.address)!.push(user.body);
    if (group) departmentOf.set(group.address, user.body.department as string);
  }
  const extra = Math.max(0, (options.accounts ?? compiledUsers.length) - compiledUsers.length);
  for (let i = 0; i < extra && clientGroups.length > 0; i++) {
    const group = clientGroups[i % clientGroups.length]!;
    const upn = `sim-${group.address.slice("group.client-".length)}-${String(i + 1).padStart(6, "0")}@${domain}`;
    const template = accountsByClient.get(group.address)![0];
    accountsByClient.get(group.address)!.push({
      ...(template ?? {}),
      displayName: `Simulated account ${i + 1}`,
      userPrincipalName: upn,
      mailNickname: upn.split("@")[0],
      department: departmentOf.get(group.address) ?? null,
    });
  }
  const accounts = [...accountsByClient.entries()].flatMap(([groupAddress, list]) => list.map((body) => ({ groupAddress, body })));
  const userId = (upn: string) => idOf(domain, "user", upn.toLowerCase());

  // Licences: what groupLicense.clients assigns, processed for every member.
  const license = desired.get(addresses.clientsLicense);
  const addLicenses = ((license?.body.addLicenses as { skuId: { catalog: string; $resolve: string }; disabledPlans: { catalog: string[] } }[] | undefined) ?? []).map((l) => ({
    skuId: l.skuId.catalog,
    skuPartNumber: l.skuId.$resolve.slice("skuId:".length),
    // The `disabledPlans:<SKU>` placeholder: `catalog` is what it resolves to with the licensing CSV's plans.
    disabledPlans: l.disabledPlans.catalog,
  }));
  const clientsGroupId = address(addresses.clientsGroup);
  const passwordChanged = at(options.passwordAgeDays ?? 0);

  const expertUpn = `expert01@${domain}`;
  const users: TenantSnapshot["users"] = [
    ...accounts.map(({ body }) => {
      const upn = body.userPrincipalName as string;
      return {
        id: userId(upn),
        userPrincipalName: upn,
        displayName: (body.displayName as string) ?? null,
        accountEnabled: true,
        userType: "Member",
        department: (body.department as string | null) ?? null,
        companyName: (body.companyName as string | null) ?? null,
        mail: null,
        usageLocation: (body.usageLocation as string | null) ?? null,
        assignedLicenses: addLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans })),
        licenseAssignmentStates: addLicenses.map((l) => ({
          skuId: l.skuId,
          disabledPlans: l.disabledPlans,
          assignedByGroup: clientsGroupId,
          state: "Active",
          error: "None",
          lastUpdatedDateTime: passwordChanged,
        })),
        passwordPolicies: (body.passwordPolicies as string | undefined) ?? null,
        lastPasswordChangeDateTime: passwordChanged,
      };
    }),
    {
      id: userId(expertUpn),
      userPrincipalName: expertUpn,
      displayName: "Expert 01",
      accountEnabled: true,
      userType: "Member",
      department: null,
      companyName: null,
      mail: expertUpn,
      usageLocation: null,
      assignedLicenses: [],
      licenseAssignmentStates: [],
      passwordPolicies: null,
      lastPasswordChangeDateTime: at(30),
    },
  ];

  // Devices: the blueprint's serials first (each signed in by the first account that lists it), then simulated ones.
  const serialOwner = new Map<string, string>();
  for (const client of options.blueprint?.clients ?? []) {
    for (const account of client.accounts) for (const serial of account.devices) if (!serialOwner.has(serial)) serialOwner.set(serial, account.userPrincipalName);
  }
  const serials = [...serialOwner.keys()].slice(0, options.devices);
  for (let i = serials.length; i < options.devices; i++) serials.push(`HL2-SIM-${String(i + 1).padStart(6, "0")}`);
  const osBaseline = (() => {
    const oma = compiled.artifacts.find((a) => a.file === "intune/oma-settings.json");
    return oma ? (JSON.parse(String(oma.content)) as { osBaseline: string }).osBaseline : null;
  })();
  const osVersion = options.osVersion ?? (osBaseline ? `10.0.${osBaseline}` : null);
  if (!osVersion) throw new Error("snapshotOfAppliedProgram needs options.osVersion when the compile has no OS baseline");

  const autopilotProfile = desired.get(addresses.autopilotProfile);
  const groupTag = (() => {
    const rule = desired.get(addresses.devicesGroup)?.body.membershipRule as string | undefined;
    return rule?.match(/\[OrderID\]:([^"]+)"/)?.[1] ?? null;
  })();
  const profiles = compiled.desired.filter((r) => r.kind === "customConfiguration" || r.kind === "updateRing");

  const deviceRecords = serials.map((serial, i) => {
    const upn = serialOwner.get(serial) ?? (accounts.length ? (accounts[i % accounts.length]!.body.userPrincipalName as string) : null);
    return {
      serial,
      upn,
      entraId: idOf(domain, "entra-device", serial),
      azureADDeviceId: idOf(domain, "device-id", serial),
      managedId: idOf(domain, "managed-device", serial),
      autopilotId: idOf(domain, "autopilot", serial),
      name: `HL-${String(i + 1).padStart(4, "0")}`,
    };
  });

  // Groups with their (transitive) members as Graph lists them; nesting is not used by the program.
  const devicesGroupMembers = deviceRecords.map((d) => ref("device", d.entraId));
  const membersOf = (group: DesiredResource): { "@odata.type": string; id: string }[] => {
    if (group.address === addresses.devicesGroup) return devicesGroupMembers;
    if (group.address === addresses.clientsGroup) return accounts.map(({ body }) => ref("user", userId(body.userPrincipalName as string)));
    if (group.address === addresses.expertsGroup) return [ref("user", userId(expertUpn))];
    return (accountsByClient.get(group.address) ?? []).map((body) => ref("user", userId(body.userPrincipalName as string)));
  };
  const groups: TenantSnapshot["groups"] = ofKind("group").map((g) => {
    const body = resolveRefs(g.body, address) as Record<string, unknown>;
    const members = membersOf(g);
    const mailEnabled = body.mailEnabled === true;
    return {
      id: address(g.address),
      displayName: body.displayName as string,
      description: (body.description as string) ?? null,
      groupTypes: body.groupTypes as string[],
      mailEnabled,
      mailNickname: (body.mailNickname as string) ?? null,
      mail: mailEnabled ? `${body.mailNickname as string}@${domain}` : null,
      securityEnabled: body.securityEnabled as boolean,
      membershipRule: (body.membershipRule as string | undefined) ?? null,
      membershipRuleProcessingState: (body.membershipRuleProcessingState as string | undefined) ?? null,
      assignedLicenses: g.address === addresses.clientsGroup ? addLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans })) : [],
      ...(body.visibility ? { visibility: body.visibility } : {}),
      uniqueName: body.uniqueName,
      members,
      transitiveMembers: members,
    };
  });

  const assignmentsOf = (profileAddress: string): TenantSnapshot["deviceConfigurations"][number]["assignments"] => {
    const assignment = desired.get(addresses.assignment(profileAddress));
    if (!assignment) return [];
    const body = resolveRefs(assignment.body, address) as { assignments?: { target: { "@odata.type": string; groupId: string } }[]; target?: { "@odata.type": string; groupId: string } };
    const targets = body.assignments?.map((a) => a.target) ?? (body.target ? [body.target] : []);
    return targets.map((target, i) => ({ id: idOf(domain, "assignment", profileAddress, i), target }));
  };

  const deviceConfigurations: TenantSnapshot["deviceConfigurations"] = profiles.map((p) => {
    const body = resolveRefs(p.body, address) as Record<string, unknown>;
    return {
      ...body,
      "@odata.type": body["@odata.type"] as string,
      id: address(p.address),
      displayName: body.displayName as string,
      description: (body.description as string) ?? null,
      version: 1,
      createdDateTime: at(7),
      lastModifiedDateTime: at(7),
      assignments: assignmentsOf(p.address),
    } as TenantSnapshot["deviceConfigurations"][number];
  });

  const managedDevices: TenantSnapshot["managedDevices"] = deviceRecords.map((d) => ({
    id: d.managedId,
    deviceName: d.name,
    operatingSystem: "Windows",
    osVersion,
    model: "HoloLens 2",
    manufacturer: "Microsoft Corporation",
    serialNumber: d.serial,
    azureADDeviceId: d.azureADDeviceId,
    userId: d.upn ? userId(d.upn) : null,
    userPrincipalName: d.upn,
    enrolledDateTime: at(5),
    lastSyncDateTime: at(0),
    managementState: "managed",
    managedDeviceOwnerType: "company",
    deviceEnrollmentType: "windowsAzureADJoin",
    deviceConfigurationStates: deviceConfigurations.map((c) => ({
      id: c.id,
      displayName: c.displayName,
      version: 1,
      platformType: "windows10AndLater",
      state: "compliant",
      settingCount: c.omaSettings?.length ?? 0,
      // Every setting applied: a snapshot keeps only the setting states that are not compliant.
      settingStates: [],
    })),
  }));

  const devices: TenantSnapshot["devices"] = deviceRecords.map((d) => ({
    id: d.entraId,
    deviceId: d.azureADDeviceId,
    displayName: d.name,
    operatingSystem: "Windows",
    operatingSystemVersion: osVersion,
    physicalIds: [`[ZTDID]:${d.autopilotId}`, ...(groupTag ? [`[OrderId]:${groupTag}`] : []), `[HWID]:h:${d.autopilotId.replace(/-/g, "")}`],
    trustType: "AzureAd",
    isManaged: true,
    accountEnabled: true,
    registeredOwners: [],
  }));

  const profileId = autopilotProfile ? address(autopilotProfile.address) : null;
  const windowsAutopilotDeviceIdentities: TenantSnapshot["windowsAutopilotDeviceIdentities"] = deviceRecords.map((d) => ({
    id: d.autopilotId,
    serialNumber: d.serial,
    groupTag,
    model: "HoloLens 2",
    manufacturer: "Microsoft Corporation",
    enrollmentState: "enrolled",
    azureActiveDirectoryDeviceId: d.azureADDeviceId,
    azureAdDeviceId: d.azureADDeviceId,
    managedDeviceId: d.managedId,
    deploymentProfileAssignmentStatus: profileId ? "assignedInSync" : "notAssigned",
    deploymentProfileAssignedDateTime: profileId ? at(6) : null,
    deploymentProfile: profileId ? { id: profileId, displayName: autopilotProfile!.body.displayName as string } : null,
  }));

  const windowsAutopilotDeploymentProfiles: TenantSnapshot["windowsAutopilotDeploymentProfiles"] = autopilotProfile
    ? [
        {
          ...(resolveRefs(autopilotProfile.body, address) as Record<string, unknown>),
          "@odata.type": autopilotProfile.body["@odata.type"] as string,
          id: profileId!,
          displayName: autopilotProfile.body.displayName as string,
          assignments: assignmentsOf(autopilotProfile.address),
        },
      ]
    : [];

  const subscribedSkus: TenantSnapshot["subscribedSkus"] = addLicenses.map((l) => {
    const sku = findSku(l.skuPartNumber);
    return {
      id: `${tenantId}_${l.skuId}`,
      skuId: l.skuId,
      skuPartNumber: l.skuPartNumber,
      appliesTo: "User",
      capabilityStatus: "Enabled",
      consumedUnits: accounts.length,
      prepaidUnits: { enabled: accounts.length + 10, suspended: 0, warning: 0, lockedOut: 0 },
      servicePlans: (sku?.servicePlans ?? []).map((p) => ({ servicePlanId: p.id, servicePlanName: p.name, provisioningStatus: "Success", appliesTo: "User" })),
    };
  });

  const domainResource = desired.get(addresses.domain(domain));
  const domains: TenantSnapshot["domains"] = [
    {
      id: domain,
      isDefault: true,
      isVerified: true,
      isInitial: domain.endsWith(".onmicrosoft.com"),
      authenticationType: "Managed",
      passwordValidityPeriodInDays: (domainResource?.body.passwordValidityPeriodInDays as number | undefined) ?? null,
      passwordNotificationWindowInDays: 14,
    },
  ];

  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    takenAt: isoAt(now),
    tenant: { id: tenantId, defaultDomain: domain },
    source: "generated: snapshotOfAppliedProgram",
    users,
    groups,
    devices,
    domains,
    subscribedSkus,
    deviceConfigurations,
    managedDevices,
    windowsAutopilotDeviceIdentities,
    windowsAutopilotDeploymentProfiles,
    deviceEnrollmentConfigurations: enrollmentConfigurations(domain),
    mobileDeviceManagementPolicies: [
      { id: "0000000a-0000-0000-c000-000000000000", displayName: "Microsoft Intune", appliesTo: "all", includedGroups: [], isValid: true },
    ],
    deviceRegistrationPolicy: {
      id: "deviceRegistrationPolicy",
      displayName: "Device Registration Policy",
      userDeviceQuota: 50,
      azureADJoin: { isAdminConfigurable: true, allowedToJoin: { "@odata.type": "#microsoft.graph.allDeviceRegistrationMembership" } },
    },
    evidence: isolationEvidence(compiled, groups, users, options.blueprint),
  };
}

/**
 * The tenant's enrollment configurations: Intune's defaults (the "All users and all devices" Enrollment Status
 * Page and platform restrictions that allow Windows). The compiler does not emit an ESP or enrollment
 * restrictions yet; once it does, its desired bodies replace these defaults here, as every other kind does above.
 */
function enrollmentConfigurations(domain: string): TenantSnapshot["deviceEnrollmentConfigurations"] {
  const allDevices = (name: string) => [{ id: idOf(domain, "enrollment-assignment", name), target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }];
  return [
    {
      "@odata.type": "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration",
      id: idOf(domain, "enrollment", "esp-default"),
      displayName: "All users and all devices",
      priority: INTUNE_DEFAULT_PRIORITY,
      deviceEnrollmentConfigurationType: "defaultWindows10EnrollmentCompletionPageConfiguration",
      showInstallationProgress: false,
      blockDeviceSetupRetryByUser: false,
      allowDeviceResetOnInstallFailure: false,
      installProgressTimeoutInMinutes: 60,
      assignments: allDevices("esp-default"),
    },
    {
      "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration",
      id: idOf(domain, "enrollment", "restrictions-default"),
      displayName: "All users and all devices",
      priority: INTUNE_DEFAULT_PRIORITY,
      deviceEnrollmentConfigurationType: "defaultPlatformRestrictions",
      windowsRestriction: { platformBlocked: false, personalDeviceEnrollmentBlocked: false, osMinimumVersion: null, osMaximumVersion: null },
      assignments: allDevices("restrictions-default"),
    },
  ];
}

/** The evidence the compiled isolation script leaves behind once it ran (nothing for the baseline). */
function isolationEvidence(compiled: CompileResult, groups: TenantSnapshot["groups"], users: TenantSnapshot["users"], bp: Blueprint | undefined): Evidence {
  const files = new Set(compiled.artifacts.map((a) => a.file));
  const clientGroups = groups.filter((g) => g.mailNickname?.includes("-client-"));
  const experts = groups.find((g) => g.uniqueName !== undefined && String(g.uniqueName).endsWith("-experts"));
  const segmentOf = (g: TenantSnapshot["groups"][number]) => users.find((u) => g.members.some((m) => m.id === u.id))?.department ?? g.displayName;
  if (files.has("isolation/information-barriers.ps1") && experts) {
    const expertsSegment = bp?.experts.segmentName ?? "Experts";
    const segments = [
      { Name: expertsSegment, UserGroupFilter: `MemberOf -eq '${experts.id}'` },
      ...clientGroups.map((g) => ({ Name: segmentOf(g), UserGroupFilter: `MemberOf -eq '${g.id}'` })),
    ];
    const policies = clientGroups.map((g) => ({ Name: `${segmentOf(g)} allow`, AssignedSegment: segmentOf(g), SegmentsAllowed: [segmentOf(g), expertsSegment], SegmentsBlocked: [], State: "Active" }));
    return { organizationSegments: segments, informationBarrierPolicies: policies };
  }
  if (files.has("isolation/scoped-directory-search.ps1") && experts) {
    const filterOf = (segment: string) => `(Department -eq '${segment}') -or (MemberOfGroup -eq 'CN=${experts.mailNickname},OU=${experts.mail?.split("@")[1] ?? ""},OU=Microsoft Exchange Hosted Organizations')`;
    const clientSegments = clientGroups.map(segmentOf);
    return {
      addressBookPolicies: clientSegments.map((s) => ({ Name: `${s} ABP`, AddressLists: [`\\${s}`], GlobalAddressList: `\\${s} GAL`, OfflineAddressBook: `\\${s} OAB`, RoomList: `\\${s} Rooms` })),
      addressLists: clientSegments.flatMap((s) => [
        { Name: s, RecipientFilter: filterOf(s) },
        { Name: `${s} GAL`, RecipientFilter: filterOf(s) },
      ]),
      mailboxes: users.filter((u) => u.department && clientSegments.includes(u.department)).map((u) => ({ UserPrincipalName: u.userPrincipalName, AddressBookPolicy: `${u.department} ABP` })),
      teamsClientConfiguration: { Identity: "Global", AllowScopedPeopleSearchandAccess: true },
    };
  }
  return {};
}
