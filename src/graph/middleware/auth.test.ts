import { describe, expect, it } from "vitest";
import { scriptedClient } from "../testing/fixtures.ts";

const unauthorized = { status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "Lifetime validation failed, the token is expired." } } };

describe("auth", () => {
  it("every attempt carries the current bearer token", async () => {
    const { graph, transport } = scriptedClient([{ status: 503 }, { status: 200, body: {} }]);
    await graph.request("GET", "/organization");
    expect(transport.log.map((l) => l.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-1"]);
  });

  it("401 → one forced refresh and one more try with the new token", async () => {
    const { graph, transport, tokens } = scriptedClient([unauthorized, { status: 200, body: {} }]);
    expect((await graph.request("GET", "/organization")).status).toBe(200);
    expect(tokens.calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(transport.log.map((l) => l.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("401 again after the refresh → the error, no third try", async () => {
    const { graph, transport } = scriptedClient([unauthorized, unauthorized, { status: 200, body: {} }]);
    await expect(graph.request("GET", "/organization")).rejects.toMatchObject({ status: 401, code: "InvalidAuthenticationToken" });
    expect(transport.log).toHaveLength(2);
  });

  it("a URL on another host → refused before any token is fetched or sent", async () => {
    const { graph, transport, tokens } = scriptedClient([{ status: 200, body: {} }]);
    const err = await graph.request("GET", "https://evil.example/v1.0/users").catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: "UntrustedHost" });
    expect(transport.log).toHaveLength(0);
    expect(tokens.calls).toHaveLength(0);
  });

  it("the error of a failed request → holds no token", async () => {
    const { graph } = scriptedClient([{ status: 400, body: { error: { code: "BadRequest", message: "x" } } }]);
    const err = await graph.request("GET", "/organization").catch((e: unknown) => e);
    expect(JSON.stringify(err)).not.toContain("token-1");
    expect((err as { request: { headers: Record<string, string> } }).request.headers.authorization).toBe("[REDACTED]");
  });
});
