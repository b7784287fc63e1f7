/**
 * Regenerates the tables of `docs/local-tenant.md` between its `<!-- generated:… -->` markers from
 * the route registry (`allRoutes`, the core and area `/_sim` routes), the permissions map and
 * holofleet's app roles. Run: `npx tsx scripts/gen-local-tenant-docs.ts`; a test keeps it current.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RouteDef, SimControlRoute } from "../src/tenant-sim/framework.ts";
import { loadPermissionsMap, requiredDelegatedPermissions, requiredPermissions, type PermissionsMap } from "../src/tenant-sim/auth/permissions.ts";
import { allRoutes, allSimRoutes } from "../src/tenant-sim/routes/index.ts";
import { HOLOFLEET_APP_ROLES } from "../src/tenant-sim/tenant-identity.ts";

export const DOC_FILE = resolve(fileURLToPath(new URL("..", import.meta.url)), "docs/local-tenant.md");

/** The core `/_sim` routes (mounted by app.ts) with what they do. */
const CORE_SIM_ROUTES: { method: string; path: string; what: string }[] = [
  { method: "POST", path: "/_sim/faults", what: "set fault injection: `{ latencyMs, rates: { 429, 503, 504, reset, lostResponse }, seed, tokenEndpoint, retryAfterSeconds }`" },
  { method: "GET", path: "/_sim/faults", what: "the current fault configuration (or null)" },
  { method: "DELETE", path: "/_sim/faults", what: "stop injecting faults" },
  { method: "GET", path: "/_sim/clock", what: "the tenant's time: `{ now }`" },
  { method: "POST", path: "/_sim/clock", what: "`{ now: <ISO date-time> }` or `{ advanceDays: n }`" },
  { method: "GET", path: "/_sim/stats", what: "requests by method, route and status; writes; throttled; faults; tokens" },
  { method: "DELETE", path: "/_sim/stats", what: "zero the statistics" },
  { method: "POST", path: "/_sim/applications", what: "register an app: `{ displayName, roles, certificatePem?, withSecret? }` → `{ clientId, clientSecret? }`" },
  { method: "POST", path: "/_sim/reset", what: "wipe all state except the tenant identity and app registrations; seed again" },
];

const esc = (s: string) => s.replace(/\|/g, "\\|");

export function renderRouteTable(routes: readonly RouteDef[], map: PermissionsMap): string {
  const rows = [...routes]
    .sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)))
    .map((r) => {
      const perms = requiredPermissions(r, map);
      const delegated = requiredDelegatedPermissions(r, map);
      const granted = perms.length
        ? perms.map((p) => `\`${p}\``).join(", ")
        : delegated.length
          ? `application: not supported; delegated: ${delegated.map((p) => `\`${p}\``).join(", ")}`
          : "**none found**";
      return `| ${r.method} | \`${esc(r.path)}\` | ${r.versions.join(", ")} | ${granted} | ${r.throttle} |`;
    });
  return ["| Method | Path | Versions | Application permissions (any one grants it) | Limits |", "|---|---|---|---|---|", ...rows].join("\n");
}

export function renderSimTable(area: readonly SimControlRoute[]): string {
  const rows = [
    ...CORE_SIM_ROUTES.map((r) => `| ${r.method} | \`${r.path}\` | ${r.what} |`),
    ...[...area]
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((r) => `| ${r.method} | \`/_sim${esc(r.path)}\` | ${r.what ?? 'simulated HoloLens 2 devices (see "Simulated devices")'} |`),
  ];
  return ["| Method | Path | What it does |", "|---|---|---|", ...rows].join("\n");
}

export function renderRoles(): string {
  return HOLOFLEET_APP_ROLES.map((r) => `- \`${r}\``).join("\n");
}

/** Replaces each `<!-- generated:name -->…<!-- /generated:name -->` block. */
export function updateDoc(text: string, sections: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/local-tenant.md has no generated:${name} block`);
    out = out.replace(re, `$1\n${body}\n$2`);
  }
  return out;
}

export function currentSections(): Record<string, string> {
  return { routes: renderRouteTable(allRoutes, loadPermissionsMap()), sim: renderSimTable(allSimRoutes), roles: renderRoles() };
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) {
  writeFileSync(DOC_FILE, updateDoc(readFileSync(DOC_FILE, "utf8"), currentSections()));
  console.log("updated docs/local-tenant.md");
}
