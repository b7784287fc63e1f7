/**
 * Registering a device with Windows Autopilot, against the store: the `windowsAutopilotDeviceIdentities`
 * document and the Entra `devices` object Autopilot creates with it (physical ids `[ZTDId]`,
 * `[HWID]`, `[OrderID]:<groupTag>`, `[PurchaseOrderId]`, which dynamic device groups match on —
 * graph-facts §1, hololens2-autopilot.md). Used by the import ticker and by `/_sim/devices`.
 */
import { randomUUID } from "node:crypto";
import type { SimStore, SimTicker } from "../framework.ts";
import { decideImport, importIsDue, settledImport, type ImportedIdentityDoc } from "./autopilot-import.ts";
import { hwidPhysicalId, normaliseHardwareHash } from "./hardware-hash.ts";

/** Intune's value for a date-time that was never set. */
export const NEVER = "0001-01-01T00:00:00Z";

export const HOLOLENS_MANUFACTURER = "Microsoft Corporation";
export const HOLOLENS_MODEL = "HoloLens 2";

/** A stored `windowsAutopilotDeviceIdentities` document; beta-only properties live in `_beta`. */
export interface AutopilotIdentityDoc {
  id: string;
  "@odata.type": "#microsoft.graph.windowsAutopilotDeviceIdentity";
  groupTag: string;
  purchaseOrderIdentifier: string;
  serialNumber: string;
  productKey: string;
  manufacturer: string;
  model: string;
  enrollmentState: "unknown" | "enrolled" | "pendingReset" | "failed" | "notContacted";
  lastContactedDateTime: string;
  addressableUserName: string;
  userPrincipalName: string;
  resourceName: string;
  skuNumber: string;
  systemFamily: string;
  azureActiveDirectoryDeviceId: string;
  managedDeviceId: string;
  displayName: string;
  _beta: {
    azureAdDeviceId: string;
    deploymentProfileAssignmentStatus: string;
    deploymentProfileAssignmentDetailedStatus: string;
    deploymentProfileAssignedDateTime: string;
    deviceAccountUpn: string;
    deviceFriendlyName: string;
  };
  _hardwareFingerprint: string;
  _hardwareIdentifier: string;
  /** Object id of the Entra `devices` document. */
  _entraObjectId: string;
}

/** The Entra `devices` document (Graph `device`, full v1.0 property set). */
export interface EntraDeviceDoc {
  id: string;
  deviceId: string;
  displayName: string;
  accountEnabled: boolean;
  operatingSystem: string;
  operatingSystemVersion: string | null;
  physicalIds: string[];
  trustType: string;
  registrationDateTime: string;
  [property: string]: unknown;
}

export interface RegistrationInput {
  serialNumber: string;
  hardwareIdentifier: string;
  fingerprint: string;
  groupTag?: string | null;
  purchaseOrderIdentifier?: string | null;
  productKey?: string | null;
  assignedUserPrincipalName?: string | null;
  operatingSystemVersion?: string | null;
}

export function entraPhysicalIds(ztdId: string, fingerprint: string, groupTag: string, purchaseOrder: string): string[] {
  const ids = [`[ZTDId]:${ztdId}`, hwidPhysicalId(fingerprint)];
  if (groupTag) ids.push(`[OrderID]:${groupTag}`);
  if (purchaseOrder) ids.push(`[PurchaseOrderId]:${purchaseOrder}`);
  return ids;
}

export function buildEntraDevice(input: {
  objectId: string;
  deviceId: string;
  displayName: string;
  physicalIds: string[];
  operatingSystemVersion: string | null;
  now: Date;
}): EntraDeviceDoc {
  return {
    id: input.objectId,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeSecurityIds: [],
    approximateLastSignInDateTime: null,
    complianceExpirationDateTime: null,
    deviceCategory: null,
    deviceId: input.deviceId,
    deviceMetadata: null,
    deviceOwnership: "Company",
    deviceVersion: 2,
    displayName: input.displayName,
    enrollmentProfileName: null,
    enrollmentType: null,
    isCompliant: null,
    isManaged: null,
    isManagementRestricted: null,
    isRooted: null,
    managementType: null,
    manufacturer: HOLOLENS_MANUFACTURER,
    mdmAppId: null,
    model: HOLOLENS_MODEL,
    onPremisesLastSyncDateTime: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    operatingSystem: "Windows",
    operatingSystemVersion: input.operatingSystemVersion,
    physicalIds: input.physicalIds,
    profileType: "RegisteredDevice",
    registrationDateTime: input.now.toISOString(),
    systemLabels: [],
    trustType: "AzureAd",
  };
}

/** Hash fingerprints of every device registered with Autopilot in this tenant. */
export function registeredFingerprints(store: SimStore): Set<string> {
  return new Set(store.list<AutopilotIdentityDoc>("windowsAutopilotDeviceIdentities").map((d) => d._hardwareFingerprint));
}

/** Registers one device: writes the Autopilot identity and its Entra device; returns both. */
export function registerAutopilotDevice(store: SimStore, input: RegistrationInput, now: Date): { identity: AutopilotIdentityDoc; entraDevice: EntraDeviceDoc } {
  const ztdId = randomUUID();
  const objectId = randomUUID();
  const deviceId = randomUUID();
  const groupTag = input.groupTag ?? "";
  const purchaseOrder = input.purchaseOrderIdentifier ?? "";
  // Before enrolment the Entra object Autopilot creates is named after the serial number.
  const entraDevice = buildEntraDevice({
    objectId,
    deviceId,
    displayName: input.serialNumber,
    physicalIds: entraPhysicalIds(ztdId, input.fingerprint, groupTag, purchaseOrder),
    operatingSystemVersion: input.operatingSystemVersion ?? null,
    now,
  });
  const identity: AutopilotIdentityDoc = {
    id: ztdId,
    "@odata.type": "#microsoft.graph.windowsAutopilotDeviceIdentity",
    groupTag,
    purchaseOrderIdentifier: purchaseOrder,
    serialNumber: input.serialNumber,
    productKey: input.productKey ?? "",
    manufacturer: HOLOLENS_MANUFACTURER,
    model: HOLOLENS_MODEL,
    enrollmentState: "notContacted",
    lastContactedDateTime: NEVER,
    addressableUserName: "",
    userPrincipalName: input.assignedUserPrincipalName ?? "",
    resourceName: "",
    skuNumber: "",
    systemFamily: "",
    azureActiveDirectoryDeviceId: deviceId,
    managedDeviceId: "00000000-0000-0000-0000-000000000000",
    displayName: "",
    _beta: {
      azureAdDeviceId: deviceId,
      deploymentProfileAssignmentStatus: "notAssigned",
      deploymentProfileAssignmentDetailedStatus: "none",
      deploymentProfileAssignedDateTime: NEVER,
      deviceAccountUpn: "",
      deviceFriendlyName: "",
    },
    _hardwareFingerprint: input.fingerprint,
    _hardwareIdentifier: input.hardwareIdentifier,
    _entraObjectId: objectId,
  };
  store.put("devices", entraDevice);
  store.put("windowsAutopilotDeviceIdentities", identity);
  return { identity, entraDevice };
}

/** Settles every due import (oldest first, so the second of two identical hashes gets 806). */
export function processDueImports(store: SimStore, now: Date): number {
  let settled = 0;
  store.tx(() => {
    const due = store.list<ImportedIdentityDoc>("importedWindowsAutopilotDeviceIdentities").filter((d) => importIsDue(d, now));
    if (due.length === 0) return;
    const known = registeredFingerprints(store);
    for (const doc of due) {
      const outcome = decideImport(doc, known);
      let registrationId: string | null = null;
      if (outcome.status === "complete") {
        const { identity } = registerAutopilotDevice(store, {
          serialNumber: doc.serialNumber ?? "",
          hardwareIdentifier: outcome.hardwareIdentifier,
          fingerprint: outcome.fingerprint,
          groupTag: doc.groupTag,
          productKey: doc.productKey,
          assignedUserPrincipalName: doc.assignedUserPrincipalName,
        }, now);
        known.add(outcome.fingerprint);
        registrationId = identity.id;
      }
      store.put("importedWindowsAutopilotDeviceIdentities", settledImport(doc, outcome, registrationId));
      settled++;
    }
  });
  return settled;
}

export const autopilotImportTicker: SimTicker = {
  name: "autopilot-import",
  tick: (store, now) => {
    processDueImports(store, now);
  },
};

/** Fingerprint of a hash the caller already validated (simulated devices, tests). */
export function fingerprintOf(hardwareIdentifier: string): string {
  const check = normaliseHardwareHash(hardwareIdentifier);
  if (!check.ok) throw new Error(`invalid hardware hash: ${check.reason}`);
  return check.fingerprint;
}

/** `updateDeviceProperties` "shows up after a delay" (graph-facts §5.3); the local tenant waits this long. */
export const DEVICE_PROPERTIES_DELAY_MS = 10_000;

export interface PendingPropertyUpdate {
  dueAt: string;
  fields: Partial<Pick<AutopilotIdentityDoc, "groupTag" | "displayName" | "userPrincipalName" | "addressableUserName">>;
}

/** Applies due `updateDeviceProperties` calls; a new group tag also becomes the Entra `[OrderID]`. */
export function applyDuePropertyUpdates(store: SimStore, now: Date): number {
  let applied = 0;
  for (const identity of store.list<AutopilotIdentityDoc & { _pendingUpdate?: PendingPropertyUpdate }>("windowsAutopilotDeviceIdentities")) {
    const pending = identity._pendingUpdate;
    if (!pending || Date.parse(pending.dueAt) > now.getTime()) continue;
    const { _pendingUpdate: _done, ...rest } = identity;
    const updated = { ...rest, ...pending.fields };
    store.put("windowsAutopilotDeviceIdentities", updated);
    if (pending.fields.groupTag !== undefined) {
      const entra = store.get<EntraDeviceDoc>("devices", identity._entraObjectId);
      if (entra) {
        const others = entra.physicalIds.filter((p) => !p.startsWith("[OrderID]:"));
        store.put("devices", { ...entra, physicalIds: pending.fields.groupTag ? [...others, `[OrderID]:${pending.fields.groupTag}`] : others });
      }
    }
    applied++;
  }
  return applied;
}

export const autopilotPropertiesTicker: SimTicker = {
  name: "autopilot-device-properties",
  tick: (store, now) => {
    applyDuePropertyUpdates(store, now);
  },
};
