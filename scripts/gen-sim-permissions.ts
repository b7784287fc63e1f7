/**
 * Writes `src/tenant-sim/generated/permissions.json` and `delegated-permissions.json`: the
 * application permissions (token `roles`) and the delegated ones (token `scp`, scheme
 * `DelegatedWork`) of every (method, path) the local tenant's routes name in `permissionPath`,
 * trimmed from Microsoft's permissions map (microsoft-graph-devx-content
 * `permissions/new/permissions.json`) in the reference folder (`$HOLOFLEET_REFERENCE_DIR`, default
 * `<repo>/../shared/reference`). Run: `npx tsx scripts/gen-sim-permissions.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
const delegatedOutFile = resolve(repoRoot, "src/tenant-sim/generated/delegated-permissions.json");

/** `Application` grants app-only tokens; `DelegatedWork` grants work-account users' tokens. */
export type PermissionScheme = "Application" | "DelegatedWork";

/**
 * Paths the map lacks although Graph has them: it leaves out `$ref` paths (graph-facts §12), so
 * adding a member borrows the permissions the map lists for removing one (`DELETE
 * /groups/{id}/members/{id}`), which graph-facts §0 confirms (least: GroupMember.ReadWrite.All);
 * a scope tag's `assignments` (which IntuneCD reads) borrow the tag's own read permissions.
 */
export const PERMISSION_ALIASES: Record<string, Partial<Record<HttpMethod, { path: string; method: HttpMethod }>>> = {
  "/groups/{id}/members/$ref": { POST: { path: "/groups/{id}/members/{id}", method: "DELETE" } },
  // A scope tag's (automatic) assignments: the map lists no entry; reading them needs what reading the tag needs.
  "/devicemanagement/rolescopetags/{id}/assignments": { GET: { path: "/devicemanagement/rolescopetags/{id}", method: "GET" } },
};

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

/** The generated documents, as they are written (the freshness test compares them). */
export function buildPermissionFiles(source: SourceMap): { application: object; delegated: object; missing: string[] } {
  const wanted = new Set(allRoutes.map((r) => permissionPathOf(r)));
  const paths = trimPermissions(source, wanted);
  return {
    application: {
      "//": "DO NOT EDIT — run `npx tsx scripts/gen-sim-permissions.ts`. Trimmed from microsoftgraph/microsoft-graph-devx-content permissions/new/permissions.json (MIT): application permissions only.",
      paths,
    },
    delegated: {
      "//": "DO NOT EDIT — run `npx tsx scripts/gen-sim-permissions.ts`. Trimmed from microsoftgraph/microsoft-graph-devx-content permissions/new/permissions.json (MIT): delegated permissions for work accounts (DelegatedWork) only.",
      paths: trimPermissions(source, wanted, "DelegatedWork"),
    },
    missing: [...wanted].filter((p) => !(p in paths)),
  };
}

export function readSourceMap(): SourceMap | undefined {
  return existsSync(sourceFile) ? (JSON.parse(readFileSync(sourceFile, "utf8")) as SourceMap) : undefined;
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) {
  const source = readSourceMap();
  if (!source) throw new Error(`no permissions map at ${sourceFile}`);
  const { application, delegated, missing } = buildPermissionFiles(source);
  writeFileSync(outFile, JSON.stringify(application, null, 2) + "\n");
  writeFileSync(delegatedOutFile, JSON.stringify(delegated, null, 2) + "\n");
  console.log(`wrote ${Object.keys((application as { paths: object }).paths).length} paths to src/tenant-sim/generated/permissions.json and delegated-permissions.json`);
  if (missing.length) console.log(`no application permission found for: ${missing.join(", ")}`);
}
