import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { referenceDir } from "../testing/reference-dir.ts";
import { compileTenantPreconditions, INTUNE_MDM_APPLICATION_ID } from "./tenant-preconditions.ts";

describe("compileTenantPreconditions", () => {
  it("three preconditions about the client accounts' group: MDM user scope, Windows enrollment, Entra join", () => {
    const found = compileTenantPreconditions(secureBlueprint());
    expect(found.map((p) => [p.address, p.condition])).toEqual([
      ["precondition.mdm-user-scope", { type: "mdmUserScope", mdmApplicationId: INTUNE_MDM_APPLICATION_ID, includedGroup: { $ref: "group.clients" } }],
      ["precondition.windows-enrollment", { type: "windowsEnrollment", users: { $ref: "group.clients" }, osVersion: "10.0.22621.1266" }],
      ["precondition.entra-join", { type: "entraJoin", group: { $ref: "group.clients" } }],
    ]);
    for (const p of found) {
      expect(p.remedy).toContain('"HF Client accounts"');
      expect(p.source.length).toBeGreaterThan(20);
    }
  });

  it("reads where Graph serves them: the MDM scope on beta (signed-in only), restrictions on beta with assignments, Entra join on v1.0", () => {
    const reads = compileTenantPreconditions(secureBlueprint()).map((p) => `${p.read.api} ${p.read.path}`);
    expect(reads).toEqual([
      "beta /policies/mobileDeviceManagementPolicies?$expand=includedGroups",
      "beta /deviceManagement/deviceEnrollmentConfigurations?$expand=assignments",
      "v1.0 /policies/deviceRegistrationPolicy",
    ]);
  });

  const mapFile = referenceDir() === null ? null : path.join(referenceDir()!, "graph/microsoft-graph-devx-content/permissions/new/permissions.json");
  it.skipIf(mapFile === null || !existsSync(mapFile))("the read permissions are the permissions map's, per scheme", () => {
    const source = JSON.parse(readFileSync(mapFile!, "utf8")) as { permissions: Record<string, { pathSets?: { schemeKeys: string[]; methods: string[]; paths: Record<string, string> }[] }> };
    const granted = (p: string, scheme: string) =>
      Object.entries(source.permissions)
        .filter(([, perm]) => (perm.pathSets ?? []).some((s) => s.schemeKeys.includes(scheme) && s.methods.includes("GET") && Object.keys(s.paths).some((k) => k.toLowerCase() === p)))
        .map(([name]) => name)
        .sort();
    for (const pre of compileTenantPreconditions(secureBlueprint())) {
      const p = pre.read.path.split("?")[0]!.toLowerCase();
      expect([pre.address, [...pre.read.permissions.application].sort()]).toEqual([pre.address, granted(p, "Application")]);
      expect([pre.address, [...pre.read.permissions.delegated].sort()]).toEqual([pre.address, granted(p, "DelegatedWork")]);
    }
  });
});
