/** The undici transport against the local tenant: parsing, statuses, timeouts and aborts (status 0). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTenant, type TestTenant } from "../../tenant-sim/testing.ts";
import type { GraphRequest } from "../types.ts";
import { fetchTransport, parseBody } from "./fetch-transport.ts";

let t: TestTenant;
let token: string;
const transport = () => fetchTransport({ ca: t.caPem });
beforeAll(async () => {
  t = await startTestTenant();
  token = await t.tokenFor();
});
afterAll(async () => {
  await t?.close();
});

const request = (path: string, over: Partial<GraphRequest> = {}): GraphRequest => ({
  method: "GET",
  url: `${t.baseUrl}${path}`,
  headers: { authorization: `Bearer ${token}` },
  options: {},
  context: { attempt: 1 },
  ...over,
});

describe("fetchTransport", () => {
  it("a JSON answer → parsed body and lower-cased headers", async () => {
    const tr = transport();
    const res = await tr(request("/v1.0/organization"));
    expect(res.status).toBe(200);
    expect(res.headers["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(Array.isArray((res.body as { value: unknown[] }).value)).toBe(true);
    await tr.close();
  });

  it("a JSON body → serialised with its content type; an error status → GraphRequestError", async () => {
    const tr = transport();
    const err = await tr(request("/v1.0/groups", { method: "POST", body: { displayName: "x" } })).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, code: "Request_BadRequest" });
    await tr.close();
  });

  it("the caller aborts → status 0 Aborted; the attempt times out → status 0 Timeout", async () => {
    await t.sim("POST", "/faults", { latencyMs: 2000, rates: {} });
    try {
      const tr = transport();
      const ac = new AbortController();
      const pending = tr(request("/v1.0/organization", { options: { signal: ac.signal } }));
      ac.abort();
      await expect(pending).rejects.toMatchObject({ status: 0, code: "Aborted" });
      await expect(tr(request("/v1.0/organization", { options: { timeoutMs: 100 } }))).rejects.toMatchObject({ status: 0, code: "Timeout" });
      await tr.close();
    } finally {
      await t.sim("DELETE", "/faults");
    }
  });

  it("parseBody: JSON by content type or shape, text otherwise, nothing when empty", () => {
    expect(parseBody('{"a":1}', "application/json;odata.metadata=minimal")).toEqual({ a: 1 });
    expect(parseBody("[1]", undefined)).toEqual([1]);
    expect(parseBody("plain", "text/plain")).toBe("plain");
    expect(parseBody("", "application/json")).toBeUndefined();
  });
});
