/**
 * Writes `src/tenant-sim/generated/permissions.json`: the application permissions (and, under
 * `delegatedPaths`, the delegated work-account ones) of every (method, path) the local tenant's routes
 * name in `permissionPath`, trimmed from Microsoft's
 * permissions map (microsoft-graph-devx-content `permissions/new/permissions.json`) in the
 * reference folder (`$HOLOFLEET_REFERENCE_DIR`, default `<repo>/../shared/reference`).
 * Run: `npx tsx scripts/gen-sim-permissions.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { allRoutes } from "../src/tenant-sim/routes/index.ts";
import { normalizePermissionPath, permissionPathOf } from "../src/tenant-sim/auth/permissions.ts";
import type { HttpMethod } from "../src/tenant-sim/framework.ts";

interface SourceMap {
  permissions: Record<
    string,
    { pathSets?: { schemeKeys: string[]; methods: string[]; paths: Record<string, string> }[] }
  >;
}

const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
const referenceDir = process.env.HOLOFLEET_REFERENCE_DIR ?? resolve(repoRoot, "../shared/reference");
const sourceFile = resolve(referenceDir, "graph/microsoft-graph-devx-content/permissions/new/permissions.json");
const outFile = resolve(repoRoot, "src/tenant-sim/generated/permissions.json");

/**
 * Paths the map lacks although Graph has them: it leaves out `$ref` paths (graph-facts §12), so
 * adding a member borrows the permissions the map lists for removing one (`DELETE
 * /groups/{id}/members/{id}`), which graph-facts §0 confirms (least: GroupMember.ReadWrite.All).
 */
export const PERMISSION_ALIASES: Record<string, Partial<Record<HttpMethod, { path: string; method: HttpMethod }>>> = {
  "/groups/{id}/members/$ref": { POST: { path: "/groups/{id}/members/{id}", method: "DELETE" } },
};

/** The permission schemes kept: application permissions, and delegated ones for work or school accounts. */
export type PermissionScheme = "Application" | "DelegatedWork";

function collectFor(source: SourceMap, path: string, method: HttpMethod, scheme: PermissionScheme): Set<string> {
  const found = new Set<string>();
  for (const [name, perm] of Object.entries(source.permissions))
    for (const set of perm.pathSets ?? [])
      if (set.schemeKeys.includes(scheme) && set.methods.includes(method))
        for (const raw of Object.keys(set.paths)) if (normalizePermissionPath(raw) === path) found.add(name);
  return found;
}

export function trimPermissions(
  source_: SourceMap,
  wanted: Set<string>,
  scheme: PermissionScheme = "Application",
): Record<string, Partial<Record<HttpMethod, string[]>>> {
  const source = source_;
  const out: Record<string, Partial<Record<HttpMethod, Set<string>>>> = {};
  for (const [name, perm] of Object.entries(source.permissions)) {
    for (const set of perm.pathSets ?? []) {
      if (!set.schemeKeys.includes(scheme)) continue;
      for (const rawPath of Object.keys(set.paths)) {
        const path = normalizePermissionPath(rawPath);
        if (!wanted.has(path)) continue;
        for (const method of set.methods) {
          const byMethod = (out[path] ??= {});
          (byMethod[method as HttpMethod] ??= new Set()).add(name);
        }
      }
    }
  }
  for (const [path, methods] of Object.entries(PERMISSION_ALIASES)) {
    if (!wanted.has(path)) continue;
    for (const [method, from] of Object.entries(methods)) {
      const source = collectFor(source_, from.path, from.method, scheme);
      if (source.size) (out[path] ??= {})[method as HttpMethod] = source;
    }
  }
  const sorted: Record<string, Partial<Record<HttpMethod, string[]>>> = {};
  for (const path of Object.keys(out).sort()) {
    const methods = out[path]!;
    sorted[path] = Object.fromEntries(
      Object.keys(methods)
        .sort()
        .map((m) => [m, [...methods[m as HttpMethod]!].sort()]),
    );
  }
  return sorted;
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) {
  const source = JSON.parse(readFileSync(sourceFile, "utf8")) as SourceMap;
  const wanted = new Set(allRoutes.map((r) => permissionPathOf(r)));
  const paths = trimPermissions(source, wanted);
  const delegatedPaths = trimPermissions(source, wanted, "DelegatedWork");
  const doc = {
    "//": "DO NOT EDIT — run `npx tsx scripts/gen-sim-permissions.ts`. Trimmed from microsoftgraph/microsoft-graph-devx-content permissions/new/permissions.json (MIT): application permissions (paths) and delegated work-account permissions (delegatedPaths).",
    paths,
    delegatedPaths,
  };
  writeFileSync(outFile, JSON.stringify(doc, null, 2) + "\n");
  const missing = [...wanted].filter((p) => !(p in paths) && !(p in delegatedPaths));
  console.log(`wrote ${Object.keys(paths).length} paths (${Object.keys(delegatedPaths).length} with delegated permissions) to src/tenant-sim/generated/permissions.json`);
  if (missing.length) console.log(`no permission found for: ${missing.join(", ")}`);
}
