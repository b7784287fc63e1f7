import { describe, expect, it } from "vitest";
import { scriptedClient } from "../testing/fixtures.ts";

describe("requestId", () => {
  it("no id given → one GUID for all attempts of a request, a new one per request", async () => {
    const { graph, transport } = scriptedClient([{ status: 503 }, { status: 200, body: {} }, { status: 200, body: {} }]);
    await graph.request("GET", "/groups");
    await graph.request("GET", "/groups");
    const ids = transport.log.map((l) => l.headers["client-request-id"]);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it("the caller's client-request-id → kept, and found on the error", async () => {
    const { graph, transport } = scriptedClient([{ status: 404, body: { error: { code: "Request_ResourceNotFound", message: "gone" } } }]);
    const err = await graph.request("GET", "/groups/x", { headers: { "Client-Request-Id": "mine" } }).catch((e: unknown) => e);
    expect(transport.log[0]!.headers["client-request-id"]).toBe("mine");
    expect(err).toMatchObject({ clientRequestId: "mine" });
  });
});
