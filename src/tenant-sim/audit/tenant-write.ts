/**
 * The tenant's record of its own writes, made in one place (`graph-dispatch.ts`) for every
 * successful write a route answers, direct or inside `$batch`, and committed with it: who (the app,
 * or the user of a delegated token), what (operation, resource type, resource, the properties the
 * request set — their names only, values may be secrets) and when (the tenant clock). Intune's
 * writes are read back as `deviceManagement/auditEvents` (audit-event.ts), Entra ID's as
 * `auditLogs/directoryAudits` (directory-audit.ts), as in Microsoft 365, where each service keeps
 * its own audit log. Pure: the classification reads only the route pattern, the request and the answer.
 */
import { randomUUID } from "node:crypto";
import type { HttpMethod, SimResult, SimStore } from "../framework.ts";

export const TENANT_WRITES_KIND = "tenantWrites";

/** Intune's audit log or Entra ID's. */
export type AuditLog = "intune" | "directory";

/** Intune's `activityOperationType` values for writes (Create, Patch, Delete as recorded by Intune; Action for bound actions). */
export type WriteOperation = "Create" | "Patch" | "Put" | "Delete" | "Action";

export interface WriteActor {
  kind: "application" | "user";
  appId: string;
  appDisplayName: string | null;
  /** The app's service principal object id (app tokens). */
  servicePrincipalId: string | null;
  /** The signed-in user's object id and UPN (delegated tokens). */
  userId: string | null;
  userPrincipalName: string | null;
}

export interface TenantWriteRecord {
  id: string;
  /** Tenant clock, ISO 8601. */
  at: string;
  /** A GUID that ties the event to the request (the caller's client-request-id when it is one). */
  correlationId: string;
  actor: WriteActor;
  log: AuditLog;
  method: HttpMethod;
  /** The route pattern and the path as sent, under the version. */
  route: string;
  path: string;
  operation: WriteOperation;
  /** The bound action's name for `Action` (`assign`, `wipe`, `assignLicense`, …). */
  action: string | null;
  /** Base entity type of the collection written, PascalCase (`DeviceConfiguration`, `Group`). */
  resourceType: string;
  /** The written resource's concrete type (from the answer's `@odata.type`), PascalCase. */
  concreteType: string;
  resourceId: string | null;
  displayName: string | null;
  /** Top-level properties the request body set (names only). */
  modifiedProperties: string[];
  /** Sub-kind of a directory write: a member, owner or included group reference added or removed. */
  reference: WriteReference | null;
}

/** The reference a `…/$ref` write adds or removes: a group's member or owner, an MDM policy's included group. */
export type WriteReference = "member" | "owner" | "group";

/** Navigation property of a `$ref` write → what it references. */
const REFERENCES: Readonly<Record<string, WriteReference>> = { members: "member", owners: "owner", includedGroups: "group" };

/** What the token says about the caller (access-token.ts claims; delegated tokens carry `upn`/`scp`). */
export interface CallerClaims {
  appid: string;
  app_displayname?: string;
  oid?: string;
  idtyp?: string;
  upn?: string;
  preferred_username?: string;
  scp?: string;
}

export function actorOf(claims: CallerClaims): WriteActor {
  const user = claims.idtyp === "user" || typeof claims.scp === "string" || typeof claims.upn === "string";
  return {
    kind: user ? "user" : "application",
    appId: claims.appid,
    appDisplayName: claims.app_displayname ?? null,
    servicePrincipalId: user ? null : (claims.oid ?? null),
    userId: user ? (claims.oid ?? null) : null,
    userPrincipalName: user ? (claims.upn ?? claims.preferred_username ?? null) : null,
  };
}

/**
 * Base entity types of the collections the tenant writes, where the plain singular of the segment is
 * not the type's name (the settings catalog's policies are `deviceManagementConfigurationPolicy`,
 * which Intune's audit log names `DeviceManagementConfigurationPolicy`).
 */
const COLLECTION_TYPES: Readonly<Record<string, string>> = {
  configurationPolicies: "DeviceManagementConfigurationPolicy",
  assignmentFilters: "DeviceAndAppManagementAssignmentFilter",
  settings: "DeviceManagementConfigurationSetting",
  deviceCompliancePolicies: "DeviceCompliancePolicy",
  scheduledActionsForRule: "DeviceComplianceScheduledActionForRule",
  importedWindowsAutopilotDeviceIdentities: "ImportedWindowsAutopilotDeviceIdentity",
  windowsAutopilotDeviceIdentities: "WindowsAutopilotDeviceIdentity",
};

/** Bound actions whose name looks like a collection (ends in `s`). */
const PLURAL_ACTIONS = new Set(["updateDeviceProperties"]);

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function singular(segment: string): string {
  if (segment.endsWith("ies")) return `${segment.slice(0, -3)}y`;
  if (segment.endsWith("s")) return segment.slice(0, -1);
  return segment;
}

/** `groups(uniqueName='{uniqueName}')` → `groups`. */
const bareSegment = (s: string) => s.replace(/\(.*$/, "");

export function typeOfCollection(segment: string, parent?: string): string {
  const bare = bareSegment(segment);
  if (bare === "assignments" && parent) return `${typeOfCollection(parent)}Assignment`;
  return COLLECTION_TYPES[bare] ?? pascal(singular(bare));
}

const isParam = (s: string) => /^\{[^}]+\}$/.test(s);

export interface WriteShape {
  log: AuditLog;
  operation: WriteOperation;
  action: string | null;
  resourceType: string;
  /** The path parameter that names the written resource, if any (`id`, `assignmentId`). */
  idParam: string | null;
  reference: WriteReference | null;
}

/** How a write route is recorded, from its pattern and method alone. */
export function writeShape(pattern: string, method: HttpMethod): WriteShape {
  const log: AuditLog = /^\/device(App)?Management(\/|$)/i.test(pattern) ? "intune" : "directory";
  const segments = pattern.split("/").filter(Boolean);
  const literals = segments.map((s, i) => ({ s, i })).filter(({ s }) => !isParam(s) && !s.startsWith("$"));
  const last = segments[segments.length - 1] ?? "";
  // `members/$ref`, `members/{id}/$ref`: a reference added to or removed from the parent.
  if (last === "$ref") {
    const nav = literals[literals.length - 1]!;
    const parent = literals[literals.length - 2]?.s ?? nav.s;
    return { log, operation: method === "DELETE" ? "Delete" : "Create", action: null, resourceType: typeOfCollection(parent), idParam: paramAfter(segments, literals[literals.length - 2]?.i), reference: REFERENCES[nav.s] ?? "member" };
  }
  const lastLiteral = literals[literals.length - 1]!;
  const endsWithParam = isParam(last) || /\(.*\)$/.test(last);
  const parentOf = (i: number) => literals.filter((l) => l.i < i).pop()?.s;
  if (method === "POST" && !endsWithParam && (PLURAL_ACTIONS.has(last) || (!last.endsWith("s") && segments.length > 1))) {
    // A bound action: it acts on the entity (or collection) before it.
    const target = parentOf(lastLiteral.i) ?? lastLiteral.s;
    return { log, operation: "Action", action: last, resourceType: typeOfCollection(target, parentOf(literals.find((l) => l.s === target)?.i ?? 0)), idParam: paramAfter(segments, literals.find((l) => l.s === target)?.i), reference: null };
  }
  const operation: WriteOperation = method === "POST" ? "Create" : method === "DELETE" ? "Delete" : method === "PUT" ? "Put" : "Patch";
  return { log, operation, action: null, resourceType: typeOfCollection(lastLiteral.s, parentOf(lastLiteral.i)), idParam: endsWithParam ? paramName(last) : null, reference: null };
}

function paramName(segment: string): string | null {
  return /\{([^}]+)\}/.exec(segment)?.[1] ?? null;
}

function paramAfter(segments: readonly string[], index: number | undefined): string | null {
  if (index === undefined) return null;
  const next = segments[index + 1];
  return next && isParam(next) ? paramName(next) : null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WriteFacts {
  pattern: string;
  method: HttpMethod;
  path: string;
  params: Record<string, string>;
  body: unknown;
  result: SimResult;
  claims: CallerClaims;
  now: Date;
  clientRequestId: string;
  requestId: string;
}

/** The record of one successful write. */
export function tenantWriteRecord(facts: WriteFacts): TenantWriteRecord {
  const byPattern = writeShape(facts.pattern, facts.method);
  // An upsert that created its object (`PATCH /groups(uniqueName=…)` answering 201) is a create.
  const shape: WriteShape = facts.result.status === 201 && (byPattern.operation === "Patch" || byPattern.operation === "Put") ? { ...byPattern, operation: "Create" } : byPattern;
  const answer = (facts.result.body && typeof facts.result.body === "object" && !Array.isArray(facts.result.body) ? facts.result.body : {}) as Record<string, unknown>;
  const answered = shape.operation !== "Action" && typeof answer.id === "string" ? answer.id : null;
  const addressed = shape.idParam ? (facts.params[shape.idParam] ?? null) : firstParam(facts.params);
  const resourceId = shape.operation === "Create" && !shape.reference ? (answered ?? addressed) : (addressed ?? answered);
  const displayName = shape.operation === "Action" ? null : typeof answer.displayName === "string" ? answer.displayName : typeof answer.name === "string" ? answer.name : null;
  const odataType = typeof answer["@odata.type"] === "string" && shape.operation !== "Action" ? pascal(answer["@odata.type"].replace(/^#?microsoft\.graph\./, "")) : shape.resourceType;
  const body = facts.body && typeof facts.body === "object" && !Array.isArray(facts.body) ? (facts.body as Record<string, unknown>) : {};
  return {
    id: randomUUID(),
    at: facts.now.toISOString(),
    correlationId: GUID.test(facts.clientRequestId) ? facts.clientRequestId : facts.requestId,
    actor: actorOf(facts.claims),
    log: shape.log,
    method: facts.method,
    route: facts.pattern,
    path: facts.path,
    operation: shape.operation,
    action: shape.action,
    resourceType: shape.resourceType,
    concreteType: odataType,
    resourceId,
    displayName,
    modifiedProperties: Object.keys(body).filter((k) => !k.startsWith("@")),
    reference: shape.reference,
  };
}

function firstParam(params: Record<string, string>): string | null {
  const values = Object.values(params);
  return values.length ? values[0]! : null;
}

/** Stores a record (inside the write's own transaction, so a committed write always has its record). */
export function storeTenantWrite(store: SimStore, record: TenantWriteRecord): void {
  store.put(TENANT_WRITES_KIND, record);
}

function isThenable(value: unknown): value is Promise<SimResult> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * Runs a write handler and stores its record in the same store transaction, so a write that
 * commits always has its record and a failed one (thrown, or answered 4xx/5xx) has none. A handler
 * that answers asynchronously cannot share a SQLite transaction; its record follows once it settles.
 */
export function runRecordedWrite(store: SimStore, run: () => SimResult | Promise<SimResult>, recordOf: (result: SimResult) => TenantWriteRecord): SimResult | Promise<SimResult> {
  const keep = (result: SimResult) => {
    if (result.status >= 200 && result.status < 300) storeTenantWrite(store, recordOf(result));
  };
  let pending: Promise<SimResult> | undefined;
  const settled = store.tx(() => {
    const result = run();
    if (isThenable(result)) {
      pending = result;
      return undefined;
    }
    keep(result);
    return result;
  });
  if (pending) return pending.then((result) => (store.tx(() => keep(result)), result));
  return settled!;
}
