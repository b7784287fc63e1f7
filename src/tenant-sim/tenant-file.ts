/**
 * `<dir>/tenant.json` (ARCHITECTURE.md §3): how tools find a running local tenant —
 * `{ graphUrl, authorityUrl, tenantId, clientId, clientSecret, caFile, pid, simKey }`, file mode
 * 0600 because it holds the client secret and the control routes' key. Roots carry no version or
 * tenant segment.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

export const TENANT_FILE = "tenant.json";

export const tenantFileSchema = z.object({
  graphUrl: z.url(),
  authorityUrl: z.url(),
  tenantId: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  caFile: z.string(),
  pid: z.number().int().nullable(),
  /** The `X-Sim-Key` of the `/_sim/…` control routes (absent in files written before it existed). */
  simKey: z.string().optional(),
});

export type TenantFile = z.infer<typeof tenantFileSchema>;

export function tenantFilePath(dir: string): string {
  return join(resolve(dir), TENANT_FILE);
}

/** Writes atomically (temp file + rename) so a reader never sees half a file. */
export function writeTenantFile(dir: string, data: TenantFile): void {
  const file = tenantFilePath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(data, null, 2) + "\n", { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function readTenantFile(dir: string): TenantFile | undefined {
  const file = tenantFilePath(dir);
  if (!existsSync(file)) return undefined;
  const parsed = tenantFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  return parsed.success ? parsed.data : undefined;
}
