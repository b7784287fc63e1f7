/**
 * Request intake over real TLS sockets: the caller is checked before a body is read, an oversized
 * or unaffordable body is refused in Graph's shape without resetting the connection, and
 * connections are bounded.
 */
import type { TLSSocket } from "node:tls";
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetch as undiciFetch } from "undici";
import { head, openRaw, readAnswer } from "./raw-tls-client.ts";
import { createBodyBudget } from "./request-intake.ts";
import { startTestTenant, type TestTenant } from "./testing.ts";

describe("createBodyBudget", () => {
  it("reserves up to the limit and gives bytes back", () => {
    const budget = createBodyBudget(100);
    expect(budget.reserve(60)).toBe(true);
    expect(budget.reserve(50)).toBe(false);
    expect(budget.inUse()).toBe(60);
    budget.release(60);
    expect(budget.reserve(100)).toBe(true);
    expect(budget.inUse()).toBe(100);
  });
});

describe("request intake over TLS", () => {
  let t: TestTenant;
  let token: string;
  beforeAll(async () => {
    t = await startTestTenant({ tenant: { limits: { maxBufferedBodyBytes: 6 * 1024 * 1024 } } });
    token = await t.tokenFor();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a body over the limit → 413 in Graph's shape that the client reads (no ECONNRESET), for fetch and node:https", async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const res = await undiciFetch(`${t.baseUrl}/v1.0/users`, {
      method: "POST",
      dispatcher: t.dispatcher,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: big,
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(body.error.code).toBe("RequestEntityTooLarge");
    expect(body.error.message).toContain(String(4 * 1024 * 1024));
    expect(body.error.innerError["request-id"]).toBe(res.headers.get("request-id"));

    // node:https streaming the body in chunks, without Content-Length (chunked).
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${t.baseUrl}/v1.0/users`, { method: "POST", ca: t.caPem, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on("error", reject);
      for (let i = 0; i < 5; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    expect(status).toBe(413);
    // And the tenant serves the next request.
    expect((await t.graph("GET", "/v1.0/organization")).status).toBe(200);
  });

  it("the token is checked before the body is read: headers alone get 401 (no body ever sent)", async () => {
    const socket = await openRaw(t);
    socket.write(head("POST", "/v1.0/users", { "content-type": "application/json", "content-length": 3_000_000 }));
    const answer = await readAnswer(socket);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error.code).toBe("InvalidAuthenticationToken");
    socket.destroy();
  });

  it("the control key is checked before the body is read: /_sim headers alone get 401", async () => {
    const socket = await openRaw(t);
    socket.write(head("POST", "/_sim/applications", { "content-type": "application/json", "content-length": 100_000 }));
    expect((await readAnswer(socket)).status).toBe(401);
    socket.destroy();
  });

  it("a declared length over the limit → 413 before a byte of the body is sent", async () => {
    const socket = await openRaw(t);
    socket.write(head("POST", "/v1.0/users", { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": 50_000_000 }));
    expect((await readAnswer(socket)).status).toBe(413);
    socket.destroy();
  });

  it("Expect: 100-continue over the limit → 413 without 100 Continue; within it → 100 Continue, then the answer", async () => {
    const over = await openRaw(t);
    over.write(head("POST", "/v1.0/users", { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": 9_000_000, expect: "100-continue" }));
    let sawContinue = false;
    over.on("data", (c: Buffer) => (sawContinue ||= c.toString("latin1").startsWith("HTTP/1.1 100")));
    const answer = await readAnswer(over);
    expect(answer.status).toBe(413);
    expect(sawContinue).toBe(false);
    over.destroy();

    const within = await openRaw(t);
    const payload = JSON.stringify({ displayName: "no" });
    within.write(head("POST", "/v1.0/users", { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": payload.length, expect: "100-continue" }));
    await new Promise<void>((resolve) => within.once("data", (c: Buffer) => (expect(c.toString("latin1")).toMatch(/^HTTP\/1\.1 100 /), resolve())));
    within.write(payload);
    expect((await readAnswer(within)).status).toBe(400);
    within.destroy();
  });

  it("bodies past the buffered-bytes budget → 503 with Retry-After; the budget comes back when they end", async () => {
    // The budget is 6 MiB: two 3 MiB uploads held open fill it, a third is refused.
    const held: TLSSocket[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await openRaw(t);
      s.write(head("POST", "/v1.0/users", { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": 3 * 1024 * 1024 }));
      s.write(Buffer.alloc(1024, 0x20));
      held.push(s);
    }
    await expect.poll(async () => (await t.sim("GET", "/stats")).body.server.bufferedBodyBytes).toBe(6 * 1024 * 1024);
    const third = await openRaw(t);
    third.write(head("POST", "/v1.0/users", { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": 1024 }));
    const refused = await readAnswer(third);
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("1");
    expect(JSON.parse(refused.body).error.code).toBe("serviceNotAvailable");
    third.destroy();
    for (const s of held) s.destroy();
    await expect.poll(async () => (await t.sim("GET", "/stats")).body.server.bufferedBodyBytes).toBe(0);
    expect((await t.graph("POST", "/v1.0/users", { displayName: "x" })).status).toBe(400);
  });
});

describe("connections are bounded", () => {
  it("past maxConnections new connections are turned away; the tenant serves again once some close", async () => {
    const t = await startTestTenant({ tenant: { limits: { maxConnections: 8 } } });
    try {
      const open: TLSSocket[] = [];
      let refused = false;
      while (!refused && open.length < 20) {
        try {
          open.push(await openRaw(t));
        } catch {
          refused = true;
        }
      }
      expect(refused).toBe(true);
      expect(open.length).toBeLessThanOrEqual(8);
      for (const s of open) s.destroy();
      await expect.poll(async () => (await t.sim("GET", "/stats")).body?.server?.connections, { timeout: 5_000 }).toBeLessThanOrEqual(2);
      const fresh = await openRaw(t);
      fresh.write(head("GET", "/v1.0/organization", {}));
      expect((await readAnswer(fresh)).status).toBe(401);
      fresh.destroy();
    } finally {
      await t.close();
    }
  });
});
