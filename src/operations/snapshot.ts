/**
 * The live snapshot use case, shared by `holofleet snapshot` and the live `holofleet audit`: resolve the target
 * (the local tenant by default), sign in with its credential, read every part through the Graph client
 * (`readTenantSnapshot`) and close what was opened. Problems come back as diagnostics; nothing here prints.
 */
import { join } from "node:path";
import { AuthenticationError } from "../auth/errors.ts";
import { nodeFiles } from "../auth/node-files.ts";
import { DEFAULT_STATE_DIR, resolveTarget, type Env, type TargetOptions } from "../auth/target.ts";
import { createTokenProvider } from "../auth/token-provider.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import { createGraphClient } from "../graph/client.ts";
import { fetchTransport } from "../graph/transport/fetch-transport.ts";
import { readFailure, readTenantSnapshot, type ReadTenantOptions } from "../posture/snapshot/read-tenant.ts";
import type { TenantSnapshot } from "../posture/snapshot/schema.ts";

export interface SnapshotOutcome {
  snapshot: TenantSnapshot | null;
  diagnostics: Diagnostic[];
  /** Where the snapshot was read from, for messages: the Graph root. */
  source: string | null;
}

export async function snapshotTenant(target: TargetOptions, env: Env, options: ReadTenantOptions): Promise<SnapshotOutcome> {
  const resolved = resolveTarget({ purpose: "run", ...target }, env, nodeFiles);
  if (!resolved.target) return { snapshot: null, diagnostics: resolved.diagnostics, source: null };
  const tokenProvider = createTokenProvider(resolved.target, { stateDir: join(target.cwd, DEFAULT_STATE_DIR) });
  const transport = fetchTransport({ ca: resolved.target.caPem });
  try {
    const graph = createGraphClient({ baseUrl: resolved.target.graphUrl, transport, tokenProvider });
    const read = await readTenantSnapshot(graph, options);
    // A sign-in failure surfaces in every part; it is said once.
    const unique = [...new Map(read.diagnostics.map((d) => [`${d.code} ${d.message}`, d])).values()];
    return { snapshot: read.snapshot, diagnostics: [...resolved.diagnostics, ...unique], source: resolved.target.graphUrl };
  } catch (err) {
    if (err instanceof AuthenticationError) return { snapshot: null, diagnostics: [...resolved.diagnostics, err.toDiagnostic()], source: resolved.target.graphUrl };
    return { snapshot: null, diagnostics: [...resolved.diagnostics, readFailure("organization", err)], source: resolved.target.graphUrl };
  } finally {
    await transport.close();
    await tokenProvider.close();
  }
}
