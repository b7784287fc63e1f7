import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphClient } from "../../graph/client.ts";
import { fetchTransport, type FetchTransport } from "../../graph/transport/fetch-transport.ts";
import { startTestTenant, type TestTenant } from "../../tenant-sim/testing.ts";
import { readTenantSnapshot } from "./read-tenant.ts";

let t: TestTenant;
let transport: FetchTransport;
beforeAll(async () => {
  t = await startTestTenant();
  transport = fetchTransport({ ca: t.caPem });
});
afterAll(async () => {
  await transport?.close();
  await t?.close();
});

const clientFor = (clientId?: string) => createGraphClient({ baseUrl: t.baseUrl, transport, tokenProvider: { getToken: () => t.tokenFor(clientId) } });

describe("readTenantSnapshot", () => {
  it("a fresh local tenant with holofleet's app → a snapshot the schema accepts; the MDM scope left out with HF6031", async () => {
    const read = await readTenantSnapshot(clientFor(), { now: () => new Date("2026-12-06T10:00:00.123Z") });
    expect(read.snapshot).not.toBeNull();
    expect(read.snapshot!.takenAt).toBe("2026-12-06T10:00:00Z");
    expect(read.snapshot!.tenant.id).toBe(t.tenantId);
    expect(read.snapshot!.mobileDeviceManagementPolicies).toEqual([]);
    expect(read.diagnostics.map((d) => [d.code, d.severity])).toEqual([["HF6031", "warning"]]);
    expect(read.diagnostics[0]!.fix).toContain("holofleet login");
  });

  it("an app without read permissions → no snapshot; one HF6030 per failed part, naming the request and the permission, no token", async () => {
    const app = await t.createApp([], { displayName: "no permissions" });
    const token = await t.tokenFor(app.clientId);
    const read = await readTenantSnapshot(clientFor(app.clientId), { now: () => new Date() });
    expect(read.snapshot).toBeNull();
    const errors = read.diagnostics.filter((d) => d.code === "HF6030");
    const users = errors.find((d) => d.path?.[0] === "users")!;
    expect(users.message).toMatch(/^snapshot part users: GET https:\/\/127\.0\.0\.1:\d+\/v1\.0\/users\?\$select=.* failed \(403 /);
    expect(users.fix).toContain("User.Read.All");
    // One diagnostic per part, each part once.
    expect(new Set(errors.map((d) => d.path?.[0])).size).toBe(errors.length);
    expect(errors.length).toBeGreaterThan(5);
    const text = JSON.stringify(read.diagnostics);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\./);
  });

  it("one device asked for → only its managed device, Entra device and Autopilot registration; the directory read whole", async () => {
    for (const serialNumber of ["SNAP-ONE-1", "SNAP-ONE-2"]) {
      const res = await t.sim("POST", "/devices", { serialNumber, osVersion: "10.0.22621.1266", groupTag: "SNAP", enroll: true });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const whole = await readTenantSnapshot(clientFor(), { now: () => new Date() });
    const one = await readTenantSnapshot(clientFor(), { now: () => new Date(), device: { serial: "snap-one-2" } });
    expect(whole.snapshot!.managedDevices.map((d) => d.serialNumber).sort()).toEqual(expect.arrayContaining(["SNAP-ONE-1", "SNAP-ONE-2"]));
    expect(one.snapshot!.managedDevices.map((d) => d.serialNumber)).toEqual(["SNAP-ONE-2"]);
    expect(one.snapshot!.windowsAutopilotDeviceIdentities.map((d) => d.serialNumber)).toEqual(["SNAP-ONE-2"]);
    expect(one.snapshot!.devices.map((d) => d.deviceId)).toEqual([one.snapshot!.managedDevices[0]!.azureADDeviceId]);
    expect(one.snapshot!.users.length).toBe(whole.snapshot!.users.length);
    expect(one.snapshot!.groups.length).toBe(whole.snapshot!.groups.length);
  });
});
