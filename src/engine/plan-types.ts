/**
 * A plan is plain data (Terraform's `plans.Changes` and `jsonplan`): for every address what will
 * happen, why, and which attributes change from what to what. It is what `plan --out` writes, what
 * `apply --plan` checks against a fresh read, and what the views render.
 */
import type { ResourceKind } from "../compile/types.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import type { Json } from "../resources/types.ts";

export const PLAN_FORMAT_VERSION = 1;

/**
 * `create` (+), `update` (~), `replace` (-/+: Graph refuses the change as an update), `delete` (-),
 * `adopt` (~: an object holofleet did not own is taken over because `--adopt` named it), `noop`,
 * `blocked` (an object with the same identity exists and is not holofleet's: nothing is done).
 */
export type PlanAction = "create" | "update" | "replace" | "delete" | "adopt" | "noop" | "blocked";

/** Why, from a closed set (Terraform's jsonplan reasons, STYLE.md §C). */
export type PlanReason =
  | "not_in_tenant"
  | "drifted"
  | "immutable_attribute_changed"
  | "not_in_blueprint"
  | "duplicate"
  | "adopted_by_identity"
  | "not_owned"
  | "in_sync";

/** One attribute's change. `before`/`after` are normalised values; see the flags for what they stand for. */
export interface AttributeChange {
  /** Attribute path, e.g. `description`, `omaSettings["./Device/Vendor/MSFT/AssignedAccess/Configuration"].value`. */
  path: string;
  /** Null when the object does not exist yet. */
  before: Json;
  /** Null when the object goes away; an `{ "$unknown": address }` part is known only after apply. */
  after: Json;
  /** A write-only secret: neither value is shown or stored. */
  sensitive?: boolean;
  /** Part of the value is known only after apply (the id of something still to be created). */
  knownAfterApply?: boolean;
  /** Graph refuses this change as an update. */
  forcesReplacement?: boolean;
}

export interface PlanChange {
  address: string;
  kind: ResourceKind;
  action: PlanAction;
  reason: PlanReason;
  /** A sentence for people: why, and what it means (e.g. what a replacement loses). */
  detail?: string;
  /** The Graph id of the object the change acts on, when it exists. */
  remoteId?: string;
  /** Changed attributes (every attribute for a create; none for a noop). */
  attributes: AttributeChange[];
  /** Addresses that must be applied first. */
  dependsOn: string[];
}

/** A step with no Graph API that an admin runs by hand (information barriers, address books, Teams). */
export interface ManualStep {
  title: string;
  /** The artifact `compile --out` writes for it. */
  file: string;
  description: string;
}

export type PlanSummary = Record<Exclude<PlanAction, "noop">, number> & { unchanged: number };

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  blueprint: {
    file: string;
    name: string;
    /** SHA-256 of the desired resources (no secrets: passwords are placeholders until apply). */
    digest: string;
  };
  tenant: { id: string; kind: "local" | "remote" };
  /** SHA-256 of everything the plan read; `apply --plan` refuses when a fresh read differs. */
  fingerprint: string;
  changes: PlanChange[];
  manualSteps: ManualStep[];
  /** Addresses `--adopt` named. */
  adopt: string[];
  summary: PlanSummary;
  /** Warnings found while planning (errors stop the plan). */
  diagnostics: Diagnostic[];
}

/** What happened to one change during apply. */
export type ApplyOutcome = "applied" | "failed" | "skipped";

export interface ApplyResultEntry {
  address: string;
  action: PlanAction;
  outcome: ApplyOutcome;
  /** Failed: Graph's code and message; skipped: which dependency failed. */
  message?: string;
  code?: string;
  ms?: number;
}

export interface ApplyResult {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  results: ApplyResultEntry[];
  summary: { applied: number; failed: number; skipped: number };
}

/** Progress, as Terraform's hooks report it: the operations emit these, the views render them. */
export type EngineEvent =
  | { type: "preflight"; check: "tenant" | "permissions" | "preconditions"; ok: boolean }
  | { type: "read"; kind: ResourceKind; found: number; extras: number; ms: number }
  | { type: "planned"; summary: PlanSummary }
  | { type: "apply.start"; address: string; action: PlanAction }
  | { type: "apply.done"; address: string; action: PlanAction; ms: number }
  | { type: "apply.failed"; address: string; action: PlanAction; code?: string; message: string }
  | { type: "apply.skipped"; address: string; action: PlanAction; because: string }
  | { type: "apply.wait"; address: string; what: string }
  | { type: "applied"; summary: ApplyResult["summary"] };

export type EventSink = (event: EngineEvent) => void;
