/**
 * Test-only: a fresh local tenant with a bundled example applied through Graph (`applyDesired`), its HoloLens 2
 * devices registered, enrolled with their first account and checked in, group licences processed — and a
 * live audit of it: `readTenantSnapshot` through the Graph client, then `audit()` against the blueprint.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadBlueprintFile } from "../../../src/blueprint/load.ts";
import type { Blueprint } from "../../../src/blueprint/types.ts";
import { compileChecked } from "../../../src/compile/compile-checked.ts";
import type { Diagnostic } from "../../../src/diag/diagnostic.ts";
import { createGraphClient } from "../../../src/graph/client.ts";
import { fetchTransport } from "../../../src/graph/transport/fetch-transport.ts";
import { audit } from "../../../src/operations/audit.ts";
import type { AuditFinding } from "../../../src/posture/rules/types.ts";
import { readTenantSnapshot } from "../../../src/posture/snapshot/read-tenant.ts";
import type { TenantSnapshot } from "../../../src/posture/snapshot/schema.ts";
import { REQUIRED_APP_ROLES } from "../../../src/auth/required-permissions.ts";
import { startTestTenant, type TestTenant } from "../../../src/tenant-sim/testing.ts";
import { applyDesired, type AppliedResource } from "./apply-desired.ts";
import { arrangeTenantFor } from "./arrange-tenant.ts";
import { waitFor } from "./wait-for.ts";

export interface AppliedExample {
  t: TestTenant;
  bp: Blueprint;
  applied: AppliedResource[];
  /** Graph id of a compiled resource by its address (`group.devices`). */
  idOf(address: string): string;
  /** Every simulated device checks in (as devices do every few hours). */
  syncDevices(): Promise<void>;
  /** Waits until every client account has exactly `count(upn)` licences (the licensing ticker). */
  waitForLicences(count: (upn: string) => number): Promise<void>;
  liveAudit(): Promise<{ snapshot: TenantSnapshot; results: AuditFinding[]; diagnostics: Diagnostic[] }>;
  close(): Promise<void>;
}

/** Each serial the blueprint names, with the first account that signs in on it; one device when it names none. */
export function devicesOf(bp: Blueprint): { serialNumber: string; primaryUserPrincipalName: string }[] {
  const out = new Map<string, string>();
  for (const c of bp.clients) for (const a of c.accounts) for (const s of a.devices) if (!out.has(s)) out.set(s, a.userPrincipalName);
  if (out.size === 0) out.set("E2E-HL2-0001", bp.clients[0]!.accounts[0]!.userPrincipalName);
  return [...out].map(([serialNumber, primaryUserPrincipalName]) => ({ serialNumber, primaryUserPrincipalName }));
}

export async function appliedExample(exampleUrl: URL, arrange: (t: TestTenant) => void | Promise<void> = () => {}): Promise<AppliedExample> {
  const loaded = await loadBlueprintFile(fileURLToPath(exampleUrl));
  const bp = loaded.blueprint!;
  const text = readFileSync(exampleUrl, "utf8");
  const compiled = await compileChecked(bp);
  // Exactly the least permissions docs/permissions.md lists, as a started local tenant holds them.
  const t = await startTestTenant({ tenant: { appRoles: REQUIRED_APP_ROLES } });
  await arrangeTenantFor(t, bp);
  await arrange(t);
  const { applied } = await applyDesired(t, compiled.desired);
  const idOf = (address: string) => {
    const a = applied.find((x) => x.resource.address === address);
    if (!a) throw new Error(`${address} was not applied`);
    return a.id;
  };
  const simIds: string[] = [];
  for (const { serialNumber, primaryUserPrincipalName } of devicesOf(bp)) {
    const res = await t.sim("POST", "/devices", { serialNumber, osVersion: bp.devices.osBaseline.build, groupTag: bp.devices.autopilot.groupTag, enroll: true, primaryUserPrincipalName });
    if (res.status !== 201) throw new Error(`registering ${serialNumber}: ${res.status} ${JSON.stringify(res.body)}`);
    simIds.push(res.body.id as string);
  }
  const syncDevices = async () => {
    for (const id of simIds) {
      const res = await t.sim("POST", `/devices/${id}/sync`);
      if (res.status !== 200) throw new Error(`sync ${id}: ${res.status}`);
    }
  };
  await syncDevices();
  const accounts = bp.clients.flatMap((c) => c.accounts.map((a) => a.userPrincipalName.toLowerCase()));
  const waitForLicences = async (count: (upn: string) => number) => {
    await waitFor(
      () => t.graph("GET", "/v1.0/users?$select=userPrincipalName,assignedLicenses&$top=999"),
      (res) => (res.body.value as { userPrincipalName: string; assignedLicenses: unknown[] }[]).filter((u) => accounts.includes(u.userPrincipalName.toLowerCase()) && u.assignedLicenses.length === count(u.userPrincipalName.toLowerCase())).length === accounts.length,
      30_000,
    );
  };
  await waitForLicences(() => bp.licensing.skus.length);
  const transport = fetchTransport({ ca: t.caPem });
  const graph = createGraphClient({ baseUrl: t.baseUrl, transport, tokenProvider: { getToken: () => t.tokenFor() } });
  return {
    t,
    bp,
    applied,
    idOf,
    syncDevices,
    waitForLicences,
    async liveAudit() {
      const read = await readTenantSnapshot(graph, { now: () => new Date() });
      if (!read.snapshot) throw new Error(`the snapshot was not read: ${JSON.stringify(read.diagnostics)}`);
      const outcome = audit({ snapshot: { file: t.baseUrl, parsed: { snapshot: read.snapshot, diagnostics: [] } }, blueprint: { file: "blueprint.holofleet.yaml", text }, toolVersion: "e2e" });
      if (!outcome.result) throw new Error(`the audit did not run: ${JSON.stringify(outcome.diagnostics)}`);
      return { snapshot: read.snapshot, results: outcome.result.results, diagnostics: [...read.diagnostics, ...outcome.diagnostics] };
    },
    async close() {
      await transport.close();
      await t.close();
    },
  };
}
