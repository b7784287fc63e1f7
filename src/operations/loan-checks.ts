/**
 * What a loan checks on the tenant before a device goes out (loan-state.ts duties `check-accounts` and
 * `audit-device`), read live through Graph:
 * - each account: exists and is enabled, holds every licence of `licensing.skus`, and is a member of its
 *   client's isolation group (`<prefix>-client-<id>`);
 * - the device: the audit itself, on a snapshot narrowed to this device's records (`checkDevice`).
 * Problems are collected as diagnostics; none is thrown.
 */
import { clientGroupMailNickname } from "../blueprint/object-names.ts";
import type { Client } from "../blueprint/types.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import type { Device } from "../fleet/store/port.ts";
import { GraphRequestError } from "../graph/errors.ts";
import { allRules, rules } from "../posture/rules/index.ts";
import type { RuleMeta } from "../posture/rules/types.ts";
import { runAudit } from "../posture/run-audit.ts";
import { readTenantSnapshot } from "../posture/snapshot/read-tenant.ts";
import type { FleetContext } from "./fleet-context.ts";

interface TenantUser {
  id: string;
  accountEnabled: boolean | null;
  assignedLicenses: { skuId: string }[];
}

export interface ManagedDeviceSummary {
  id: string;
  serialNumber: string;
  osVersion: string | null;
  azureADDeviceId: string | null;
  managementState: string | null;
}

function accountProblem(upn: string, message: string, fix: string): Diagnostic {
  return { severity: "error", code: "HF8108", message: `${upn}: ${message}`, fix };
}

async function getOrNull<T>(ctx: Pick<FleetContext, "graph">, path: string, init: Parameters<FleetContext["graph"]["request"]>[2]): Promise<T | null> {
  try {
    return (await ctx.graph.request<T>("GET", path, init)).body;
  } catch (err) {
    if (err instanceof GraphRequestError && err.status === 404) return null;
    throw err;
  }
}

/** The client's accounts on the tenant: present, enabled, licensed as the blueprint says, in the client's group. */
export async function checkAccounts(ctx: FleetContext, client: Client, upns: readonly string[]): Promise<Diagnostic[]> {
  const bp = ctx.blueprint;
  const problems: Diagnostic[] = [];
  const skus = await ctx.graph.collect<{ skuId: string; skuPartNumber: string }>("/subscribedSkus", { query: { $select: "skuId,skuPartNumber" } });
  const wanted = bp.licensing.skus.map((part) => ({ part, skuId: skus.find((s) => s.skuPartNumber.toUpperCase() === part.toUpperCase())?.skuId ?? null }));
  const nickname = clientGroupMailNickname(bp, client.id);
  const groups = await ctx.graph.collect<{ id: string }>("/groups", { query: { $filter: `mailNickname eq '${nickname.replace(/'/g, "''")}'`, $select: "id" } });
  const groupId = groups[0]?.id ?? null;
  // The group's members, not each account's memberOf: Group.ReadWrite.All (docs/permissions.md) reads
  // a group's members, while memberOf takes Directory.Read.All, which holofleet does not otherwise need.
  const members = groupId ? new Set((await ctx.graph.collect<{ id: string }>("/groups/{id}/members", { params: { id: groupId }, query: { $select: "id" } })).map((m) => m.id)) : new Set<string>();
  if (!groupId) {
    problems.push({ severity: "error", code: "HF8108", message: `the tenant has no group ${nickname} for client ${client.id}`, fix: "Apply the blueprint (`holofleet apply`) so the client's isolation group exists." });
  }
  for (const upn of upns) {
    const user = await getOrNull<TenantUser>(ctx, "/users/{upn}", { params: { upn }, query: { $select: "id,accountEnabled,assignedLicenses" } });
    if (!user) {
      problems.push(accountProblem(upn, "the account does not exist in the tenant", "Apply the blueprint (`holofleet apply`) to create the client's accounts."));
      continue;
    }
    if (user.accountEnabled === false) problems.push(accountProblem(upn, "the account is disabled", "Enable it (or choose another of the client's accounts)."));
    const held = new Set(user.assignedLicenses.map((l) => l.skuId.toLowerCase()));
    const missing = wanted.filter((w) => !w.skuId || !held.has(w.skuId.toLowerCase())).map((w) => w.part);
    if (missing.length) problems.push(accountProblem(upn, `the account lacks the licence(s) ${missing.join(", ")} (licensing.skus)`, "Apply the blueprint (`holofleet apply`) so the account gets its licences."));
    if (groupId && !members.has(user.id)) {
      problems.push(accountProblem(upn, `the account is not in its client's group ${nickname}`, "Apply the blueprint (`holofleet apply`) so the account joins its client's group."));
    }
  }
  return problems;
}

/** The device's managed device in Intune (by serial number), or null when it is not enrolled. */
export async function managedDeviceOf(ctx: Pick<FleetContext, "graph">, serial: string): Promise<ManagedDeviceSummary | null> {
  const found = await ctx.graph.collect<ManagedDeviceSummary>("/deviceManagement/managedDevices", {
    query: { $filter: `serialNumber eq '${serial.replace(/'/g, "''")}'`, $select: "id,serialNumber,osVersion,azureADDeviceId,managementState" },
  });
  return found.find((d) => d.serialNumber.toUpperCase() === serial.toUpperCase()) ?? null;
}

function deviceProblem(serial: string, rule: string, message: string, fix: string): Diagnostic {
  return { severity: "error", code: "HF8109", message: `${serial} fails ${rule}: ${message}`, fix };
}

/** Rules about the device policy: those a blueprint key under `devices` fixes (the guide's device concerns). */
function isDevicePolicyRule(meta: RuleMeta): boolean {
  return meta.blueprintKey === "devices" || (meta.blueprintKey?.startsWith("devices.") ?? false);
}

/**
 * The audit's device rules for this device: the tenant is read as the audit reads it, narrowed to this
 * device's own records, and run through every rule. What blocks the loan: a failure on this device (once it
 * is enrolled), and a failure of the device policy itself (a profile or tenant setting every device gets).
 * Before enrolment the device has no posture yet, so its Autopilot registration is checked directly.
 */
export async function checkDevice(ctx: FleetContext, device: Device): Promise<{ problems: Diagnostic[]; managed: ManagedDeviceSummary | null }> {
  const { groupTag } = ctx.blueprint.devices.autopilot;
  const problems: Diagnostic[] = [];
  const read = await readTenantSnapshot(ctx.graph, { now: () => ctx.now(), device: { serial: device.serial } });
  if (!read.snapshot) {
    const first = read.diagnostics.find((d) => d.severity === "error");
    problems.push(deviceProblem(device.serial, "the audit", `the tenant could not be read (${first?.message ?? "unknown error"})`, first?.fix ?? "Retry when the tenant answers."));
    return { problems, managed: null };
  }
  const managedDevice = read.snapshot.managedDevices[0] ?? null;
  const managed: ManagedDeviceSummary | null = managedDevice
    ? { id: managedDevice.id, serialNumber: managedDevice.serialNumber ?? device.serial, osVersion: managedDevice.osVersion ?? null, azureADDeviceId: managedDevice.azureADDeviceId ?? null, managementState: managedDevice.managementState ?? null }
    : null;
  if (!managed) {
    const identity = read.snapshot.windowsAutopilotDeviceIdentities[0] ?? null;
    if (!identity) {
      problems.push(deviceProblem(device.serial, "autopilot/require-registration", "it is not registered in Windows Autopilot", "Import it (`holofleet fleet import <csv>`) and wait until Autopilot has registered it."));
    } else if ((identity.groupTag ?? "").toLowerCase() !== groupTag.toLowerCase()) {
      problems.push(deviceProblem(device.serial, "autopilot/require-registration", `its group tag is "${identity.groupTag ?? ""}", not ${groupTag}`, "Correct the group tag in Intune (Devices > Windows enrollment > Devices) or in devices.autopilot.groupTag."));
    }
  }
  const result = runAudit({ snapshot: read.snapshot, blueprint: ctx.blueprint, blueprintFile: null, rules: allRules });
  for (const f of result.results) {
    if (f.status !== "fail") continue;
    const meta = rules[f.ruleId]?.meta;
    const onThisDevice = f.subject.type === "device" && managed !== null && f.subject.id === managed.id;
    const onTheDevicePolicy = (f.subject.type === "profile" || f.subject.type === "tenant") && meta !== undefined && isDevicePolicyRule(meta);
    if (onThisDevice || onTheDevicePolicy) problems.push(deviceProblem(device.serial, f.ruleId, f.message, meta?.remediation ?? "Run `holofleet audit` for the details."));
  }
  return { problems, managed };
}
