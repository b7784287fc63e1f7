/**
 * Test-only: a working directory whose `.holofleet/tenant/tenant.json` points at a test tenant, the
 * way `holofleet tenant local start` writes it, and a Graph client for a target.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createGraphClient, type GraphClient } from "../graph/client.ts";
import { fetchTransport } from "../graph/transport/fetch-transport.ts";
import type { TokenProvider } from "../graph/types.ts";
import type { TestTenant } from "../tenant-sim/testing.ts";
import type { Target } from "./target.ts";

export function workDirFor(t: TestTenant): string {
  const cwd = mkdtempSync(join(tmpdir(), "holofleet-auth-"));
  mkdirSync(join(cwd, ".holofleet", "tenant"), { recursive: true });
  writeFileSync(
    join(cwd, ".holofleet", "tenant", "tenant.json"),
    JSON.stringify({ graphUrl: t.baseUrl, authorityUrl: t.baseUrl, tenantId: t.tenantId, clientId: t.clientId, clientSecret: t.clientSecret, caFile: t.tenant.caFile, pid: process.pid }),
    { mode: 0o600 },
  );
  return cwd;
}

export function graphFor(target: Target, tokenProvider: TokenProvider): GraphClient & { close(): Promise<void> } {
  const transport = fetchTransport({ ca: target.caPem });
  return Object.assign(createGraphClient({ baseUrl: target.graphUrl, transport, tokenProvider }), { close: () => transport.close() });
}
