/**
 * A local tenant made by an earlier version, started again: it gains what later versions seed (the
 * built-in scope tag and roles, the program's Store apps) and the permissions holofleet's app needs
 * now, and keeps everything it had.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { APPLICATIONS_KIND, findApplication } from "./auth/applications.ts";
import { seedDirectory } from "./directory/seed.ts";
import { seedOrganization } from "./seed/organization.ts";
import { startTestTenant } from "./testing.ts";

const dir = mkdtempSync(join(tmpdir(), "holofleet-upgrade-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("restarting a tenant made by an earlier version", () => {
  it("→ the new built-ins and apps are seeded, holofleet's app gains the new permissions, existing objects stay", async () => {
    const before = await startTestTenant({ dir, tenant: { seeds: [seedOrganization, seedDirectory] } });
    const group = await before.graph("POST", "/v1.0/groups", { displayName: "kept", mailEnabled: false, mailNickname: "kept", securityEnabled: true });
    expect(group.status).toBe(201);
    // The app as an earlier version registered it, without DeviceManagementApps.ReadWrite.All.
    const app = findApplication(before.tenant.store, before.clientId)!;
    before.tenant.store.put(APPLICATIONS_KIND, { ...app, _roles: app._roles.filter((r) => r !== "DeviceManagementApps.ReadWrite.All") });
    expect((await before.graph("GET", "/beta/deviceManagement/roleScopeTags")).body.value).toEqual([]);
    await before.close();

    const after = await startTestTenant({ dir });
    try {
      expect((await after.graph("GET", "/beta/deviceManagement/roleScopeTags")).body.value.map((t: { id: string }) => t.id)).toEqual(["0"]);
      const apps = await after.graph("GET", "/v1.0/deviceAppManagement/mobileApps");
      expect(apps.status).toBe(200);
      expect(apps.body.value).toHaveLength(2);
      expect((await after.graph("GET", `/v1.0/groups/${group.body.id}`)).body.displayName).toBe("kept");
      expect((await after.graph("GET", "/v1.0/deviceManagement/roleDefinitions")).body.value.length).toBeGreaterThan(0);
    } finally {
      await after.close();
    }
    // A third start adds nothing twice.
    const again = await startTestTenant({ dir });
    try {
      expect((await again.graph("GET", "/v1.0/deviceAppManagement/mobileApps")).body.value).toHaveLength(2);
    } finally {
      await again.close();
    }
  });
});
