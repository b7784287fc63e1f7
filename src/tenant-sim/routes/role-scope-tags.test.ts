import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkEntities, checkEntity, formatProblems, hasCsdlReference } from "../conformance/csdl.ts";
import { startTestTenant, type TestTenant } from "../testing.ts";

const BASE = "/deviceManagement/roleScopeTags";
const conform = hasCsdlReference();

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

describe("roleScopeTags", () => {
  it("a new tenant → the built-in Default tag (id 0), conforming to beta", async () => {
    const list = await t.graph("GET", `/beta${BASE}`);
    expect(list.status).toBe(200);
    expect(list.body.value).toEqual([{ "@odata.type": "#microsoft.graph.roleScopeTag", id: "0", displayName: "Default", description: null, isBuiltIn: true }]);
    if (conform) expect(formatProblems(checkEntities("roleScopeTag", list.body, "beta"))).toBe("");
    const one = await t.graph("GET", `/beta${BASE}/0`);
    expect(one.body).toMatchObject({ id: "0", displayName: "Default" });
    if (conform) expect(formatProblems(checkEntity("roleScopeTag", one.body, "beta"))).toBe("");
  });

  it("filters and reads the tag's (empty) assignments", async () => {
    expect((await t.graph("GET", `/beta${BASE}?$filter=isBuiltIn eq false`)).body.value).toEqual([]);
    expect((await t.graph("GET", `/beta${BASE}?$filter=displayName eq 'default'`)).body.value).toHaveLength(1);
    const assignments = await t.graph("GET", `/beta${BASE}/0/assignments`);
    expect(assignments.status).toBe(200);
    expect(assignments.body).toMatchObject({ "@odata.context": `${t.baseUrl}/beta/$metadata#deviceManagement/roleScopeTags('0')/assignments`, value: [] });
  });

  it("v1.0 has no scope tags → 400 for the segment; an unknown tag → Intune's 404", async () => {
    const v1 = await t.graph("GET", `/v1.0${BASE}`);
    expect(v1.status).toBe(400);
    expect(v1.body.error.message).toBe("Resource not found for the segment 'roleScopeTags'.");
    expect((await t.graph("GET", `/beta${BASE}/42`)).status).toBe(404);
  });

  it("creating, changing or deleting a tag → 501 NotImplemented, and the Default tag stays", async () => {
    for (const [method, path, body] of [["POST", BASE, { displayName: "Client A" }], ["PATCH", `${BASE}/0`, { description: "x" }], ["DELETE", `${BASE}/0`, undefined]] as const) {
      const res = await t.graph(method, `/beta${path}`, body);
      expect(res.status, `${method} ${path}`).toBe(501);
      expect(res.body.error.code).toBe("NotImplemented");
      expect(res.body.error.message).toMatch(/does not model .*role scope tags/);
    }
    expect((await t.graph("GET", `/beta${BASE}/0`)).body.description).toBeNull();
  });

  it("an app without a device management permission → 403", async () => {
    const app = await t.createApp(["User.Read.All"]);
    const res = await t.graph("GET", `/beta${BASE}`, undefined, { authorization: `Bearer ${await t.tokenFor(app.clientId)}` });
    expect(res.status).toBe(403);
  });
});
