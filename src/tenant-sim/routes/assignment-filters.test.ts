import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";
import { ASSIGNMENT_FILTERS_KIND } from "./assignment-filters.ts";

const BASE = "/deviceManagement/assignmentFilters";
const FILTER = "3b0f4c1e-9a0d-4d3c-8f4e-2b6f9a7c1d20";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe("assignmentFilters", () => {
  it("a new tenant → an empty list (beta); v1.0 has no filters", async () => {
    const list = await t.graph("GET", `/beta${BASE}`);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ "@odata.context": `${t.baseUrl}/beta/$metadata#deviceManagement/assignmentFilters`, value: [] });
    expect((await t.graph("GET", `/v1.0${BASE}`)).status).toBe(400);
  });

  it("filters present in the store → listed, filtered, selected and read by id (IntuneCD's name lookup)", async () => {
    const filter = { id: FILTER, displayName: "HoloLens 2", description: "", platform: "windows10AndLater", rule: '(device.deviceModel -eq "HoloLens 2")', roleScopeTags: ["0"], assignmentFilterManagementType: "devices", createdDateTime: "2026-01-01T00:00:00Z", lastModifiedDateTime: "2026-01-01T00:00:00Z", payloads: [] };
    t.tenant.store.put(ASSIGNMENT_FILTERS_KIND, filter);
    const list = await t.graph("GET", `/beta${BASE}?$filter=platform eq 'windows10AndLater'`);
    expect(list.body.value).toHaveLength(1);
    if (hasCsdlReference()) expect(formatProblems(checkEntities("deviceAndAppManagementAssignmentFilter", list.body, "beta"))).toBe("");
    const named = await t.graph("GET", `/beta${BASE}/${FILTER}?$select=displayName`);
    expect(named.status).toBe(200);
    expect(named.body.displayName).toBe("HoloLens 2");
    expect((await t.graph("GET", `/beta${BASE}/00000000-0000-0000-0000-000000000001`)).status).toBe(404);
  });

  it("writes → 501 NotImplemented", async () => {
    expect((await t.graph("POST", `/beta${BASE}`, { displayName: "x", platform: "windows10AndLater", rule: "x" })).status).toBe(501);
    expect((await t.graph("PATCH", `/beta${BASE}/${FILTER}`, { displayName: "y" })).status).toBe(501);
    expect((await t.graph("DELETE", `/beta${BASE}/${FILTER}`)).status).toBe(501);
  });
});
