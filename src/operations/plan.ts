/**
 * The `plan` use case: compile the blueprint, check the tenant (preflight: the right tenant, enough
 * permissions, the preconditions), read what the blueprint owns, and diff. Returns the plan as data
 * and reports progress as events; the CLI only renders. `buildPlan` is shared with apply and drift.
 */
import type { Blueprint, BlueprintSourceMap } from "../blueprint/types.ts";
import type { CompileResult } from "../compile/types.ts";
import { type Diagnostic, hasErrors } from "../diag/diagnostic.ts";
import { desiredDigest, snapshotFingerprint } from "../engine/fingerprint.ts";
import { computePlan, summarise, type TenantSnapshot } from "../engine/plan.ts";
import { PLAN_FORMAT_VERSION, type EventSink, type ManualStep, type Plan, type PlanChange } from "../engine/plan-types.ts";
import { checkPermissions, checkPreconditions, checkTenantIdentity, grantsOfToken, type NeededPermission, type OrganizationInfo } from "../engine/preflight.ts";
import { readTenant, SUBSCRIBED_SKUS_READ } from "../engine/read.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { systemClock } from "../graph/clock.ts";
import { kindDefinitions, resourceKinds } from "../resources/registry.ts";
import type { PermissionRequirement, ProviderContext } from "../resources/types.ts";
import { loadAndCompile, locateDiagnostics } from "./blueprint.ts";
import { judgePreconditions } from "./read-preconditions.ts";
import { openTenantSession, type SessionOptions, type TenantSession } from "./tenant-session.ts";

export const ORGANIZATION_READ: PermissionRequirement = {
  request: "GET /organization",
  // Microsoft's permissions map also grants this read to the Intune configuration permissions, which the
  // least set (docs/permissions.md) holds instead of Organization.Read.All.
  application: ["Organization.Read.All", "Directory.Read.All", "DeviceManagementServiceConfig.ReadWrite.All", "DeviceManagementConfiguration.ReadWrite.All", "User.Read.All"],
  delegated: ["Organization.Read.All", "Directory.Read.All", "DeviceManagementServiceConfig.ReadWrite.All", "DeviceManagementConfiguration.ReadWrite.All", "User.Read.All"],
};

export interface PlanOptions {
  /** The blueprint file. */
  file: string;
  /** Which tenant, with what credentials (`--tenant`, `--graph-url`, … and the environment). */
  target: SessionOptions;
  /** Addresses to adopt (`--adopt`). */
  adopt?: readonly string[];
  events?: EventSink;
}

export interface PlanOutcome {
  plan?: Plan;
  diagnostics: Diagnostic[];
}

/** Everything a plan was built from, for apply to act on. */
export interface BuiltPlan {
  plan: Plan;
  snapshot: TenantSnapshot;
  compiled: CompileResult;
  ctx: ProviderContext;
}

/** Steps with no Graph API: the scripts `compile --out` writes for an admin to run. */
export function manualSteps(compiled: CompileResult): ManualStep[] {
  return compiled.artifacts
    .filter((a) => a.kind === "powershell")
    .map((a) => ({ title: a.description.split(" (")[0]!.replace(/\.$/, ""), file: a.file, description: a.description }))
    .sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** A Graph failure while planning, as a diagnostic (a 403 points at the permissions). */
function readFailure(err: unknown, what: string): Diagnostic {
  if (!(err instanceof GraphRequestError)) return { severity: "error", code: "HF5204", message: `${what} failed: ${(err as Error).message ?? String(err)}` };
  return {
    severity: "error",
    code: "HF5204",
    message: `${what} failed: ${err.status ? `${err.status} ` : ""}${err.code}: ${err.message}`,
    ...(err.status === 403 ? { fix: "Give holofleet's app the permissions docs/permissions.md lists (admin consent)." } : {}),
    ...(err.status === 0 ? { fix: "Check that the tenant's Graph endpoint can be reached (for the local tenant: `holofleet tenant local status`)." } : {}),
  };
}

function neededForChanges(changes: readonly PlanChange[], bp: { desiredPath: (address: string) => (string | number)[] }): NeededPermission[] {
  const out: NeededPermission[] = [];
  for (const c of changes) {
    const perms = resourceKinds[c.kind].provider.permissions;
    const ops = c.action === "create" ? [perms.create] : c.action === "update" || c.action === "adopt" ? [perms.update] : c.action === "replace" ? [perms.delete, perms.create] : c.action === "delete" ? [perms.delete] : [];
    for (const op of ops) for (const requirement of op) out.push({ requirement, purpose: `${c.action} ${c.address}`, path: bp.desiredPath(c.address) });
  }
  return out;
}

export async function buildPlan(
  session: TenantSession,
  input: { file: string; blueprint: Blueprint; sourceMap: BlueprintSourceMap; compiled: CompileResult },
  opts: { adopt?: readonly string[]; events?: EventSink },
): Promise<{ built?: BuiltPlan; diagnostics: Diagnostic[] }> {
  const { blueprint, sourceMap, compiled } = input;
  const locate = (d: readonly Diagnostic[]) => locateDiagnostics(d, sourceMap);
  const events = opts.events ?? (() => {});
  const ctx: ProviderContext = { graph: session.graph, clock: systemClock, ownership: { namingPrefix: blueprint.tenant.namingPrefix } };
  const desiredPath = (address: string) => {
    const r = compiled.desired.find((d) => d.address === address);
    return r ? kindDefinitions[r.kind].blueprintPath(r) : [];
  };

  // Preflight 1: the tenant is the one the blueprint names.
  let org: OrganizationInfo | undefined;
  let token: string;
  try {
    token = await session.tokenProvider.getToken({ forceRefresh: false });
    org = (await session.graph.collect<OrganizationInfo>("/organization", { query: { $select: "id,displayName,verifiedDomains" } }))[0];
  } catch (err) {
    const e = err as { toDiagnostic?: () => Diagnostic };
    return { diagnostics: [typeof e.toDiagnostic === "function" ? e.toDiagnostic() : readFailure(err, "reading the tenant's organization")] };
  }
  if (!org) return { diagnostics: [{ severity: "error", code: "HF5204", message: "the tenant answered no organization" }] };
  const identity = checkTenantIdentity(blueprint.tenant, org);
  events({ type: "preflight", check: "tenant", ok: identity.length === 0 });
  if (identity.length) return { diagnostics: locate(identity) };

  // Preflight 2: the permissions every read needs.
  const grants = grantsOfToken(token);
  const reads: NeededPermission[] = [
    { requirement: ORGANIZATION_READ, purpose: "checking the tenant", path: ["tenant"] },
    { requirement: SUBSCRIBED_SKUS_READ, purpose: "resolving licence SKUs", path: ["licensing", "skus"] },
    ...Object.values(resourceKinds).flatMap((k) => k.provider.permissions.read.map((requirement) => ({ requirement, purpose: `reading ${k.definition.title}s`, path: [] as (string | number)[] }))),
  ];
  const readPerms = checkPermissions(grants, reads);
  if (hasErrors(readPerms)) {
    events({ type: "preflight", check: "permissions", ok: false });
    return { diagnostics: locate(readPerms) };
  }

  let snapshot: TenantSnapshot;
  try {
    snapshot = await readTenant({ desired: compiled.desired, kinds: resourceKinds, ctx, events });
  } catch (err) {
    return { diagnostics: [readFailure(err, "reading the tenant")] };
  }
  // Preflight 3: the tenant preconditions (read, judged, never written); a failed one stops the plan.
  let preconditionDiags: Diagnostic[];
  try {
    preconditionDiags = locate(checkPreconditions(await judgePreconditions(session.graph, compiled.preconditions, snapshot, compiled.desired)));
  } catch (err) {
    return { diagnostics: [readFailure(err, "reading the tenant preconditions")] };
  }
  events({ type: "preflight", check: "preconditions", ok: !hasErrors(preconditionDiags) });
  if (hasErrors(preconditionDiags)) return { diagnostics: preconditionDiags };

  const { changes, diagnostics: planDiags } = computePlan({ desired: compiled.desired, snapshot, kinds: kindDefinitions, adopt: new Set(opts.adopt ?? []) });
  const writePerms = checkPermissions(grants, neededForChanges(changes, { desiredPath }));
  events({ type: "preflight", check: "permissions", ok: !hasErrors(writePerms) });
  const diagnostics = [...preconditionDiags, ...locate([...readPerms, ...planDiags, ...writePerms])];
  if (hasErrors(diagnostics)) return { diagnostics };

  const plan: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    blueprint: { file: input.file, name: blueprint.metadata.name, digest: desiredDigest(compiled.desired) },
    tenant: { id: org.id, kind: session.target.kind },
    fingerprint: snapshotFingerprint(snapshot, compiled.desired, kindDefinitions),
    changes,
    manualSteps: manualSteps(compiled),
    adopt: [...(opts.adopt ?? [])].sort(),
    summary: summarise(changes),
    diagnostics,
  };
  events({ type: "planned", summary: plan.summary });
  return { built: { plan, snapshot, compiled, ctx }, diagnostics };
}

/** Loads, compiles and opens the session; the caller closes it. */
export async function prepare(
  opts: Pick<PlanOptions, "file" | "target">,
): Promise<{ ready?: { session: TenantSession; blueprint: Blueprint; sourceMap: BlueprintSourceMap; compiled: CompileResult }; diagnostics: Diagnostic[] }> {
  const loaded = await loadAndCompile(opts.file);
  if (!loaded.compiled || !loaded.blueprint || !loaded.sourceMap) return { diagnostics: loaded.diagnostics };
  const { session, diagnostics } = openTenantSession(opts.target);
  if (!session) return { diagnostics: [...loaded.diagnostics, ...diagnostics] };
  return { ready: { session, blueprint: loaded.blueprint, sourceMap: loaded.sourceMap, compiled: loaded.compiled }, diagnostics: [...loaded.diagnostics, ...diagnostics] };
}

export async function planBlueprint(opts: PlanOptions): Promise<PlanOutcome> {
  const { ready, diagnostics } = await prepare(opts);
  if (!ready) return { diagnostics };
  try {
    const { built, diagnostics: planDiags } = await buildPlan(ready.session, { file: opts.file, ...ready }, opts);
    const all = [...diagnostics, ...planDiags];
    return built ? { plan: built.plan, diagnostics: all } : { diagnostics: all };
  } finally {
    await ready.session.close();
  }
}
