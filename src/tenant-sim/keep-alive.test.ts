/**
 * An idle keep-alive connection outlives a client that was busy for a few seconds: the tenant keeps
 * idle connections longer than undici's own 4 s idle timeout, so the client always closes first.
 * (With Node's default 5 s the server could close a socket the client was about to reuse, and the
 * request failed with ECONNRESET — seen when a test blocked the event loop on a CSDL check.)
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestTenant, type TestTenant } from "./testing.ts";

let t: TestTenant;
beforeAll(async () => {
  t = await startTestTenant();
});
afterAll(async () => {
  await t?.close();
});

it("a client busy for 6 s between two requests on one connection → the second still succeeds", async () => {
  expect((await t.graph("GET", "/v1.0/organization")).status).toBe(200);
  const until = Date.now() + 6000;
  while (Date.now() < until) {
    /* a synchronous stretch, as a large schema check is */
  }
  expect((await t.graph("GET", "/v1.0/organization")).status).toBe(200);
});
