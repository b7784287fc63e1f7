import { describe, expect, it } from "vitest";
import { buildUrl, compose } from "./client.ts";
import type { GraphRequest, Middleware } from "./types.ts";
import { GRAPH, scriptedClient } from "./testing/fixtures.ts";

describe("buildUrl", () => {
  it("fills {placeholders} percent-encoded and adds the version", () => {
    expect(buildUrl(GRAPH, "v1.0", "/users/{id}/memberOf", { params: { id: "o'brien@contoso.com" } })).toBe(`${GRAPH}/v1.0/users/o%27brien%40contoso.com/memberOf`);
    expect(buildUrl(`${GRAPH}/`, "beta", "deviceManagement/windowsAutopilotDeploymentProfiles")).toBe(`${GRAPH}/beta/deviceManagement/windowsAutopilotDeploymentProfiles`);
  });
  it("encodes query values once, quotes included, and keeps an absolute URL", () => {
    expect(buildUrl(GRAPH, "v1.0", "/groups", { query: { $filter: "displayName eq 'O''Brien'", $top: 5, $count: undefined } })).toBe(
      `${GRAPH}/v1.0/groups?$filter=displayName%20eq%20%27O%27%27Brien%27&$top=5`,
    );
    expect(buildUrl(GRAPH, "v1.0", `${GRAPH}/v1.0/users?$skiptoken=a%2Bb`)).toBe(`${GRAPH}/v1.0/users?$skiptoken=a%2Bb`);
  });
  it("a missing parameter → an error naming it", () => {
    expect(() => buildUrl(GRAPH, "v1.0", "/groups/{id}")).toThrow("no value for {id}");
  });
});

describe("compose", () => {
  it("runs middleware outermost first and the transport last", async () => {
    const order: string[] = [];
    const mw =
      (name: string): Middleware =>
      async (req, next) => {
        order.push(`>${name}`);
        const res = await next(req);
        order.push(`<${name}`);
        return res;
      };
    const send = compose([mw("a"), mw("b")], async () => (order.push("transport"), { status: 200, headers: {}, body: undefined }));
    await send({ method: "GET", url: GRAPH, headers: {}, options: {}, context: { attempt: 0 } } as GraphRequest);
    expect(order).toEqual([">a", ">b", "transport", "<b", "<a"]);
  });
});

describe("createGraphClient", () => {
  it("headers are sent lower-cased; per-request version and body reach the transport", async () => {
    const { graph, transport } = scriptedClient([{ status: 201, body: { id: "p" } }]);
    await graph.request("POST", "/deviceManagement/windowsAutopilotDeploymentProfiles", { version: "beta", body: { displayName: "HL2" }, headers: { "Content-Type": "application/json" } });
    expect(transport.log[0]).toMatchObject({
      url: `${GRAPH}/beta/deviceManagement/windowsAutopilotDeploymentProfiles`,
      headers: { "content-type": "application/json", authorization: "Bearer token-1" },
      body: { displayName: "HL2" },
    });
  });
});
