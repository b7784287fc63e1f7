import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { BUILT_IN_ROLES } from "../intune/builtin-rbac.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const BASE = "/deviceManagement/roleDefinitions";
const conform = hasCsdlReference();
const HELP_DESK = "9e0cc482-82df-4ab2-a24c-0c23a3f52e1e";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe("roleDefinitions", () => {
  it("a new tenant → the built-in Intune roles on v1.0 and beta, conforming to each", async () => {
    for (const version of ["v1.0", "beta"] as const) {
      const list = await t.graph("GET", `/${version}${BASE}`);
      expect(list.status).toBe(200);
      expect(list.body.value.map((r: { displayName: string }) => r.displayName).sort()).toEqual(BUILT_IN_ROLES.map((r) => r.displayName).sort());
      for (const role of list.body.value) expect(role).toMatchObject({ "@odata.type": "#microsoft.graph.deviceAndAppManagementRoleDefinition", isBuiltIn: true, rolePermissions: [] });
      if (conform) expect(formatProblems(checkEntities("roleDefinition", list.body, version))).toBe("");
    }
    const beta = await t.graph("GET", `/beta${BASE}/${HELP_DESK}`);
    expect(beta.body).toMatchObject({ displayName: "Help Desk Operator", isBuiltInRoleDefinition: true });
    if (conform) expect(formatProblems(checkEntity("roleDefinition", beta.body, "beta"))).toBe("");
  });

  it("IntuneCD's `$filter=isBuiltIn eq false` → none; a role's roleAssignments → none", async () => {
    expect((await t.graph("GET", `/beta${BASE}?$filter=isBuiltIn eq false`)).body.value).toEqual([]);
    expect((await t.graph("GET", `/beta${BASE}?$filter=isBuiltIn eq true&$top=2`)).body.value).toHaveLength(2);
    const assignments = await t.graph("GET", `/v1.0${BASE}/${HELP_DESK}/roleAssignments`);
    expect(assignments.status).toBe(200);
    expect(assignments.body.value).toEqual([]);
  });

  it("custom roles and role assignments → 501 NotImplemented", async () => {
    expect((await t.graph("POST", `/beta${BASE}`, { displayName: "Custom" })).status).toBe(501);
    expect((await t.graph("PATCH", `/beta${BASE}/${HELP_DESK}`, { description: "x" })).status).toBe(501);
    expect((await t.graph("DELETE", `/beta${BASE}/${HELP_DESK}`)).status).toBe(501);
    expect((await t.graph("POST", `/beta${BASE}/${HELP_DESK}/roleAssignments`, { displayName: "x" })).status).toBe(501);
    expect((await t.graph("GET", `/beta${BASE}/${HELP_DESK}`)).status).toBe(200);
  });
});
