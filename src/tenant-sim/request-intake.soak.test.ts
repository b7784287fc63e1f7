/**
 * Soak (loopback only, bounded in time): 600 uploads held open or aborted part-way at once —
 * without a token, with a forged one, to `/_sim` without the key, to the token endpoint, and with a
 * valid token. While they are held and after they end, the memory they cost stays under a stated
 * bound, and the tenant keeps answering.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REQUEST_LIMITS } from "./request-intake.ts";
import { head, openRaw } from "./raw-tls-client.ts";
import { startTestTenant, type TestTenant } from "./testing.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const UPLOADS = 600;
/** Each upload declares a body just under the 4 MiB limit and sends this much of it. */
const DECLARED = 4_000_000;
const SENT = 1024 * 1024;
const MiB = 1024 * 1024;
/**
 * The bounds: request-body memory (Buffers) at most 96 MiB above the start while 600 uploads are
 * held — the 64 MiB budget of buffered bodies plus slack — and at most 32 MiB above it once they
 * ended; the whole process (both ends of 600 TLS connections) at most 320 MiB above its start.
 * Measured: +26 MiB held and +0.3 MiB after, RSS +116 MiB; the tenant before this bound held
 * +325 MiB of bodies (RSS +420 MiB) for the same uploads.
 */
const HELD_BOUND = 96 * MiB;
const AFTER_BOUND = 32 * MiB;
const RSS_BOUND = 320 * MiB;

/** Memory after full collections (Buffers are freed by finalizers, which run between collections). */
async function memory() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const m = process.memoryUsage();
  return { buffers: m.arrayBuffers, rss: m.rss };
}

let t: TestTenant;
let token: string;
beforeAll(async () => {
  t = await startTestTenant();
  token = await t.tokenFor();
});
afterAll(async () => {
  await t?.close();
});

describe("soak: 600 slow or aborted uploads", () => {
  it("memory stays bounded while they are held and returns after; the tenant answers throughout", async () => {
    const kinds: Record<string, number | string>[] = [
      { path: "/v1.0/users", "content-type": "application/json" },
      { path: "/v1.0/users", "content-type": "application/json", authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiJ4In0.forged" },
      { path: "/_sim/applications", "content-type": "application/json" },
      { path: `/${t.tenantId}/oauth2/v2.0/token`, "content-type": "application/x-www-form-urlencoded" },
      { path: "/v1.0/users", "content-type": "application/json", authorization: `Bearer ${token}` },
      { path: "/v1.0/users", "content-type": "application/json", authorization: `Bearer ${token}` },
    ];
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const before = await memory();
    const sockets: TLSSocket[] = [];
    const sent: Promise<void>[] = [];

    // Open in waves of 50; each upload trickles its megabyte in 16 pieces, half are then cut off.
    for (let wave = 0; wave < UPLOADS / 50; wave++) {
      const opened = await Promise.all(Array.from({ length: 50 }, () => openRaw(t)));
      opened.forEach((socket, i) => {
        const n = wave * 50 + i;
        const { path, ...headers } = kinds[n % kinds.length]!;
        socket.on("error", () => undefined);
        socket.write(head("POST", String(path), { ...headers, "content-length": DECLARED }));
        sockets.push(socket);
        sent.push(
          (async () => {
            for (let piece = 0; piece < SENT / chunk.length && !socket.destroyed; piece++) {
              await new Promise<void>((resolve) => (socket.write(chunk) ? setImmediate(resolve) : socket.once("drain", resolve)));
            }
            if (n % 2 === 1) socket.destroy(); // aborted part-way; the others stay open, silent
          })(),
        );
      });
    }
    await Promise.all(sent);

    const held = await memory();
    const stats = (await t.sim("GET", "/stats")).body;
    expect(stats.server.bufferedBodyBytes).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.maxBufferedBodyBytes);
    expect(held.buffers - before.buffers).toBeLessThan(HELD_BOUND);
    expect(held.rss - before.rss).toBeLessThan(RSS_BOUND);
    // Still answering while the uploads are held.
    expect((await t.graph("GET", "/v1.0/organization")).status).toBe(200);

    for (const s of sockets) s.destroy();
    await expect.poll(async () => (await t.sim("GET", "/stats")).body.server, { timeout: 20_000 }).toMatchObject({ bufferedBodyBytes: 0 });
    await expect.poll(async () => (await t.sim("GET", "/stats")).body.server.connections, { timeout: 20_000 }).toBeLessThanOrEqual(3);

    const after = await memory();
    expect(after.buffers - before.buffers).toBeLessThan(AFTER_BOUND);
    expect(after.rss - before.rss).toBeLessThan(RSS_BOUND);
    expect((await t.graph("GET", "/v1.0/organization")).status).toBe(200);
  }, 120_000);
});
