/**
 * The shape of a resource kind (STYLE.md §C): a pure definition the planner uses — identity,
 * normalisation of what the tenant holds into comparable attributes, what forces a replacement,
 * what is write-only, who owns an object — and a provider that does the Graph I/O. The engine never
 * branches on a kind: whatever it needs to know, the kind declares here.
 */
import type { DesiredResource, ResourceKind } from "../compile/types.ts";
import type { BatchRequestItem, BatchResult } from "../graph/batch.ts";
import type { Clock, GraphResponse, HttpMethod, RequestInit } from "../graph/types.ts";

/** A JSON value as the planner compares it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Comparable attributes of one object: name → normalised value. */
export type Attributes = Record<string, Json>;

/**
 * Stands in, inside a desired attribute, for a value that exists only after apply: the Graph id of
 * a resource that is still to be created (or replaced).
 */
export interface UnknownValue {
  $unknown: string;
}

/** Stands in for a write-only secret (a generated password): never read, shown or stored. */
export interface SensitiveValue {
  $sensitive: true;
}

/** What the tenant holds for one address, as a provider read it (raw Graph data plus what it gathered). */
export interface RemoteObject {
  /** The Graph id (a domain's name; for a child resource, the id of its parent). */
  id: string;
  /** The Graph object with whatever the provider added (members, plaintext OMA values, …). */
  data: Record<string, unknown>;
  /** Whether the kind's ownership rule says this object is holofleet's. */
  owned: boolean;
  /** Why it is not owned, for the plan (e.g. "its description has no [holofleet:HF] marker"). */
  notOwnedBecause?: string;
  /** A name to show for objects found but not in the blueprint (a uniqueName, a UPN, a display name). */
  label?: string;
  /** Set on an owned object that has the same identity as another one found first (to delete). */
  duplicateOf?: string;
}

/** Who the blueprint says owns what. */
export interface OwnershipContext {
  /** `tenant.namingPrefix`: the marker is `[holofleet:<prefix>]`. */
  namingPrefix: string;
}

/** A permission requirement: any one of the listed permissions satisfies it. */
export interface PermissionRequirement {
  /** The Graph request it is for, e.g. `PATCH /groups(uniqueName='{uniqueName}')`. */
  request: string;
  /** Application permissions, least privileged first (permissions map `least=…Application`). */
  application: readonly string[];
  /** Delegated (work account) permissions, least privileged first; empty when Graph offers none. */
  delegated: readonly string[];
}

export type ProviderOperation = "read" | "create" | "update" | "delete";

/** Every requirement of every operation of a provider: data, so preflight and docs share it. */
export type OperationPermissions = Record<ProviderOperation, readonly PermissionRequirement[]>;

/** What can happen to objects of a kind at all (a domain is never created or deleted). */
export interface Lifecycle {
  create: boolean;
  update: boolean;
  delete: boolean;
}

/**
 * The pure part of a kind. `desiredAttributes` and `remoteAttributes` must yield the same names
 * for the same meaning, so the generic diff can compare them attribute by attribute.
 */
export interface ResourceKindDefinition {
  kind: ResourceKind;
  /** Its name in messages ("security or Microsoft 365 group"). */
  title: string;
  /**
   * The attributes of the desired body, placeholders resolved for planning: a `$ref` to a resource
   * that does not exist yet is an `UnknownValue`, a generated password a `SensitiveValue`.
   */
  desiredAttributes(body: Record<string, unknown>): Attributes;
  /** The same attributes of what the tenant holds (server defaults, ordering, masking undone). */
  remoteAttributes(remote: RemoteObject, desired: DesiredResource): Attributes;
  /** Attributes Graph refuses to change on an existing object: a change forces a replacement. */
  immutable: readonly string[];
  /** Why each immutable attribute cannot change, for the plan's reason. */
  immutableBecause?: Readonly<Record<string, string>>;
  /** Attributes sent only when the object is created and never read back (secrets). */
  writeOnly: readonly string[];
  lifecycle: Lifecycle;
  /** The rule that decides whether an object is holofleet's, in words (docs, plan messages). */
  ownershipRule: string;
  /**
   * Read stage: kinds of stage 0 are read first, then stage 1 with the results of stage 0 at hand
   * (a child needs its parent's id; users are found through the groups holofleet owns).
   */
  readStage: number;
  /** Where in the blueprint a resource of this kind comes from (for located messages). */
  blueprintPath(resource: DesiredResource): (string | number)[];
}

/** How providers talk to Graph: requests, paging and `$batch`, all through the client's middleware. */
export interface GraphPort {
  request<T = unknown>(method: HttpMethod, pathOrUrl: string, init?: RequestInit): Promise<GraphResponse<T>>;
  collect<T = unknown>(pathOrUrl: string, init?: RequestInit): Promise<T[]>;
  batch(items: readonly BatchRequestItem[], opts?: { version?: "v1.0" | "beta" }): Promise<BatchResult[]>;
}

export interface ProviderContext {
  graph: GraphPort;
  clock: Clock;
  ownership: OwnershipContext;
  signal?: AbortSignal;
  /** Reports a bounded wait (licence processing, replication) as an event. */
  onWait?: (what: string) => void;
}

/** What a provider read for the desired resources of its kind. */
export interface ReadResult {
  /** The object found for each address (owned or not); an address missing here is not in the tenant. */
  found: Map<string, RemoteObject>;
  /** Objects holofleet owns that no desired resource of this kind matches (to delete). */
  extras: RemoteObject[];
}

export interface ReadRequest {
  ctx: ProviderContext;
  /** The desired resources of this kind. */
  desired: readonly DesiredResource[];
  /** What earlier read stages found, by address (owned or not). */
  foundEarlier: ReadonlyMap<string, RemoteObject>;
  /** Owned objects of earlier stages that no desired resource matches. */
  extrasEarlier: readonly RemoteObject[];
}

/** A write of one resource: the body with every placeholder resolved (it may hold a password). */
export interface WriteRequest {
  ctx: ProviderContext;
  desired: DesiredResource;
  body: Record<string, unknown>;
  /** The Graph id of the parent (children: assignments, licences, memberships). */
  parentId?: string;
  /** What was read for this address at plan time (update, delete). */
  remote?: RemoteObject;
}

export interface ResourceProvider {
  kind: ResourceKind;
  permissions: OperationPermissions;
  read(req: ReadRequest): Promise<ReadResult>;
  /** Creates (safe to retry: an upsert, a conflict handled, or a re-read by identity); returns the Graph id. */
  create(req: WriteRequest): Promise<{ id: string }>;
  update(req: WriteRequest & { remote: RemoteObject }): Promise<void>;
  /** Deletes; an object already gone counts as deleted. */
  delete(req: { ctx: ProviderContext; remote: RemoteObject; desired?: DesiredResource }): Promise<void>;
  /**
   * Waits, boundedly, for an asynchronous effect of a write to this resource or its parent (group
   * licences reaching members). Throws when the effect failed or did not finish in time.
   */
  settle?(req: { ctx: ProviderContext; desired: DesiredResource; parentId?: string; id: string }): Promise<void>;
}

/** A kind and its provider, as the registry holds them. */
export interface RegisteredKind {
  definition: ResourceKindDefinition;
  provider: ResourceProvider;
}
