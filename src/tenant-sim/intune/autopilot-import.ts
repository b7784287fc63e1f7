/**
 * The Autopilot import state machine, pure: an `importedWindowsAutopilotDeviceIdentity` starts
 * `pending` (graph-facts §5.2 "Status starts `pending`", §13.8) and, once `AUTOPILOT_IMPORT_DELAY_MS` has passed on the tenant clock, settles to
 * `complete` (the device is registered) or `error` with Microsoft's import error codes
 * (graph-facts §5.2: 802 InvalidZtdHardwareHash, 803 MissingZtdSerialNumberAndProductKey,
 * 806 ZtdDeviceAlreadyAssigned — the hash is already registered in this tenant).
 */
import { normaliseHardwareHash } from "./hardware-hash.ts";

/**
 * Real imports take 1–2 minutes (graph-facts §5.2); the local tenant is quicker but still asynchronous
 * (tests move the tenant clock with `/_sim/clock` instead of waiting).
 */
export const AUTOPILOT_IMPORT_DELAY_MS = 10_000;

export type DeviceImportStatus = "unknown" | "pending" | "partial" | "complete" | "error";

export interface ImportedIdentityState {
  deviceImportStatus: DeviceImportStatus;
  deviceRegistrationId: string | null;
  deviceErrorCode: number;
  deviceErrorName: string | null;
}

/** A stored `importedWindowsAutopilotDeviceIdentities` document (`_` fields are internal). */
export interface ImportedIdentityDoc {
  id: string;
  "@odata.type": "#microsoft.graph.importedWindowsAutopilotDeviceIdentity";
  serialNumber: string | null;
  productKey: string | null;
  groupTag: string | null;
  importId: string | null;
  assignedUserPrincipalName: string | null;
  hardwareIdentifier: string | null;
  state: ImportedIdentityState;
  /** Tenant-clock time the import was submitted (ISO). */
  _submittedAt: string;
}

export const IMPORT_ERRORS = {
  invalidHash: { code: 802, name: "InvalidZtdHardwareHash" },
  missingSerialAndProductKey: { code: 803, name: "MissingZtdSerialNumberAndProductKey" },
  alreadyAssigned: { code: 806, name: "ZtdDeviceAlreadyAssigned" },
} as const;

export interface ImportRequestFields {
  serialNumber?: unknown;
  productKey?: unknown;
  groupTag?: unknown;
  importId?: unknown;
  assignedUserPrincipalName?: unknown;
  hardwareIdentifier?: unknown;
}

/** A field problem the service rejects synchronously (400), before any import starts. */
export class ImportBodyError extends Error {}

function optionalString(body: ImportRequestFields, key: keyof ImportRequestFields): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new ImportBodyError(`Property '${key}' must be a string.`);
  return value;
}

/** Builds the new `pending` document for one import request (throws ImportBodyError on bad types). */
export function newImportedIdentity(body: ImportRequestFields, id: string, now: Date): ImportedIdentityDoc {
  const hardwareIdentifier = optionalString(body, "hardwareIdentifier");
  // hardwareIdentifier is Edm.Binary: text that is not base64 fails OData deserialisation (400),
  // while an absent or empty hash is accepted and fails the import itself (802).
  if (hardwareIdentifier && !normaliseHardwareHash(hardwareIdentifier).ok) {
    throw new ImportBodyError("Cannot convert the literal to the expected type 'Edm.Binary' for property 'hardwareIdentifier'.");
  }
  return {
    id,
    "@odata.type": "#microsoft.graph.importedWindowsAutopilotDeviceIdentity",
    serialNumber: optionalString(body, "serialNumber"),
    productKey: optionalString(body, "productKey"),
    groupTag: optionalString(body, "groupTag"),
    importId: optionalString(body, "importId"),
    assignedUserPrincipalName: optionalString(body, "assignedUserPrincipalName"),
    hardwareIdentifier: hardwareIdentifier ? normaliseHardwareHashText(hardwareIdentifier) : hardwareIdentifier,
    state: { deviceImportStatus: "pending", deviceRegistrationId: null, deviceErrorCode: 0, deviceErrorName: null },
    _submittedAt: now.toISOString(),
  };
}

function normaliseHardwareHashText(text: string): string {
  const check = normaliseHardwareHash(text);
  return check.ok ? check.base64 : text;
}

export function importIsDue(doc: ImportedIdentityDoc, now: Date): boolean {
  return doc.state.deviceImportStatus === "pending" && now.getTime() - Date.parse(doc._submittedAt) >= AUTOPILOT_IMPORT_DELAY_MS;
}

export type ImportOutcome =
  | { status: "complete"; fingerprint: string; hardwareIdentifier: string }
  | { status: "error"; code: number; name: string };

/**
 * Decides how a due import ends. `registeredFingerprints` holds the hash fingerprints already
 * registered in this tenant (including ones registered earlier in the same tick).
 */
export function decideImport(doc: ImportedIdentityDoc, registeredFingerprints: ReadonlySet<string>): ImportOutcome {
  if (!doc.serialNumber && !doc.productKey) {
    return { status: "error", ...IMPORT_ERRORS.missingSerialAndProductKey };
  }
  const hash = doc.hardwareIdentifier ? normaliseHardwareHash(doc.hardwareIdentifier) : null;
  if (!hash || !hash.ok) return { status: "error", ...IMPORT_ERRORS.invalidHash };
  if (registeredFingerprints.has(hash.fingerprint)) return { status: "error", ...IMPORT_ERRORS.alreadyAssigned };
  return { status: "complete", fingerprint: hash.fingerprint, hardwareIdentifier: hash.base64 };
}

/** The imported document after its outcome; `registrationId` is the new Autopilot identity's id. */
export function settledImport(doc: ImportedIdentityDoc, outcome: ImportOutcome, registrationId: string | null): ImportedIdentityDoc {
  if (outcome.status === "complete") {
    return { ...doc, state: { deviceImportStatus: "complete", deviceRegistrationId: registrationId, deviceErrorCode: 0, deviceErrorName: null } };
  }
  return { ...doc, state: { deviceImportStatus: "error", deviceRegistrationId: null, deviceErrorCode: outcome.code, deviceErrorName: outcome.name } };
}
