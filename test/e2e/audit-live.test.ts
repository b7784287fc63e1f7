/**
 * End to end: a compiled example applied to a fresh local tenant, with simulated HoloLens 2 devices enrolled
 * and checked in, read back live through Graph (`readTenantSnapshot`) and audited: no `fail`.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBlueprintFile } from "../../src/blueprint/load.ts";
import type { Blueprint } from "../../src/blueprint/types.ts";
import { compileChecked } from "../../src/compile/compile-checked.ts";
import { createGraphClient, type GraphClient } from "../../src/graph/client.ts";
import { fetchTransport, type FetchTransport } from "../../src/graph/transport/fetch-transport.ts";
import { audit } from "../../src/operations/audit.ts";
import type { AuditFinding } from "../../src/posture/rules/types.ts";
import { readTenantSnapshot } from "../../src/posture/snapshot/read-tenant.ts";
import { startTestTenant, type TestTenant } from "../../src/tenant-sim/testing.ts";
import { applyDesired } from "./support/apply-desired.ts";
import { arrangeTenantFor } from "./support/arrange-tenant.ts";
import { waitFor } from "./support/wait-for.ts";

let t: TestTenant;
let bp: Blueprint;
let bpText: string;
let transport: FetchTransport;
let graph: GraphClient;
const file = new URL("../../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url);

beforeAll(async () => {
  const loaded = await loadBlueprintFile(fileURLToPath(file));
  bp = loaded.blueprint!;
  bpText = (await import("node:fs")).readFileSync(file, "utf8");
  const compiled = await compileChecked(bp);
  t = await startTestTenant();
  arrangeTenantFor(t, bp);
  await applyDesired(t, compiled.desired);
  const seen = new Set<string>();
  for (const c of bp.clients)
    for (const a of c.accounts)
      for (const serialNumber of a.devices) {
        if (seen.has(serialNumber)) continue;
        seen.add(serialNumber);
        const res = await t.sim("POST", "/devices", { serialNumber, osVersion: bp.devices.osBaseline.build, groupTag: bp.devices.autopilot.groupTag, enroll: true, primaryUserPrincipalName: a.userPrincipalName });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect((await t.sim("POST", `/devices/${res.body.id}/sync`)).status).toBe(200);
      }
  // Group-based licences reach the members a moment later (the licensing ticker), as in Entra.
  const accounts = bp.clients.flatMap((c) => c.accounts.map((a) => a.userPrincipalName.toLowerCase()));
  await waitFor(
    () => t.graph("GET", "/v1.0/users?$select=userPrincipalName,assignedLicenses&$top=999"),
    (res) => (res.body.value as { userPrincipalName: string; assignedLicenses: unknown[] }[]).filter((u) => accounts.includes(u.userPrincipalName.toLowerCase()) && u.assignedLicenses.length === bp.licensing.skus.length).length === accounts.length,
    30_000,
  );
  transport = fetchTransport({ ca: t.caPem });
  graph = createGraphClient({ baseUrl: t.baseUrl, transport, tokenProvider: { getToken: () => t.tokenFor() } });
}, 120_000);

afterAll(async () => {
  await transport?.close();
  await t?.close();
});

async function liveAudit(): Promise<AuditFinding[]> {
  const read = await readTenantSnapshot(graph, { now: () => new Date() });
  expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const outcome = audit({ snapshot: { file: "live", parsed: { snapshot: read.snapshot, diagnostics: [] } }, blueprint: { file: "bp.yaml", text: bpText }, toolVersion: "test" });
  expect(outcome.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return outcome.result!.results;
}

describe("live audit", () => {
  it("applied example → no fail", async () => {
    const results = await liveAudit();
    const fails = results.filter((r) => r.status === "fail").map((r) => `${r.ruleId} ${r.subject.name}: ${r.message}`);
    console.error(results.length, JSON.stringify(results.reduce((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {} as Record<string, number>)));
    expect(fails).toEqual([]);
  });
});
