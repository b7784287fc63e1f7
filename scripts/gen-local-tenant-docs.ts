/**
 * Regenerates the tables of `docs/local-tenant.md` between its `<!-- generated:… -->` markers from
 * the route registry (`allRoutes`, the core and area `/_sim` routes), the permissions maps,
 * holofleet's app roles and delegated scopes, and the limits the code enforces (request intake,
 * JSON, `$filter`, client assertions, user property lengths). Run: `npx tsx scripts/gen-local-tenant-docs.ts`; a test keeps
 * it current.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RouteDef, SimControlRoute } from "../src/tenant-sim/framework.ts";
import { loadDelegatedPermissionsMap } from "../src/tenant-sim/auth/caller-permissions.ts";
import { loadPermissionsMap, requiredPermissions, type PermissionsMap } from "../src/tenant-sim/auth/permissions.ts";
import { allRoutes, allSimRoutes } from "../src/tenant-sim/routes/index.ts";
import { HOLOFLEET_APP_ROLES, HOLOFLEET_DELEGATED_SCOPES } from "../src/tenant-sim/tenant-identity.ts";
import { MAX_ASSERTION_LIFETIME_SECONDS } from "../src/tenant-sim/auth/token-endpoint.ts";
import { MAX_JSON_DEPTH } from "../src/tenant-sim/json-body.ts";
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_NODES } from "../src/tenant-sim/odata/filter-parser.ts";
import { DEFAULT_REQUEST_LIMITS } from "../src/tenant-sim/request-intake.ts";
import { USER_MAX_LENGTH } from "../src/tenant-sim/routes/users.ts";

export const DOC_FILE = resolve(fileURLToPath(new URL("..", import.meta.url)), "docs/local-tenant.md");

/** The core `/_sim` routes (mounted by app.ts) with what they do. */
const CORE_SIM_ROUTES: { method: string; path: string; what: string }[] = [
  { method: "POST", path: "/_sim/faults", what: "set fault injection: `{ latencyMs, rates: { 429, 503, 504, reset, lostResponse }, seed, tokenEndpoint, retryAfterSeconds }`" },
  { method: "GET", path: "/_sim/faults", what: "the current fault configuration (or null)" },
  { method: "DELETE", path: "/_sim/faults", what: "stop injecting faults" },
  { method: "GET", path: "/_sim/clock", what: "the tenant's time: `{ now }`" },
  { method: "POST", path: "/_sim/clock", what: "`{ now: <ISO date-time> }` or `{ advanceDays: n }`" },
  { method: "GET", path: "/_sim/stats", what: "requests by method, route and status; how many came inside `$batch` calls; writes; throttled; faults; tokens; `server`: open connections, request-body bytes held, process memory" },
  { method: "DELETE", path: "/_sim/stats", what: "zero the statistics" },
  { method: "POST", path: "/_sim/applications", what: "register an app: `{ displayName, roles, certificatePem?, withSecret? }` → `{ clientId, clientSecret? }`" },
  { method: "POST", path: "/_sim/reset", what: "wipe all state except the tenant identity and app registrations; seed again" },
];

const esc = (s: string) => s.replace(/\|/g, "\\|");

const codes = (perms: readonly string[]) => perms.map((p) => `\`${p}\``).join(", ");

/** `delegated` names, for a route with no application permission, the delegated ones that grant it. */
export function renderRouteTable(routes: readonly RouteDef[], map: PermissionsMap, delegated: PermissionsMap = { paths: {} }): string {
  const rows = [...routes]
    .sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)))
    .map((r) => {
      const perms = requiredPermissions(r, map);
      const onlyDelegated = requiredPermissions(r, delegated);
      const granted = perms.length ? codes(perms) : onlyDelegated.length ? `none (application: not supported); delegated: ${codes(onlyDelegated)}` : "**none found**";
      return `| ${r.method} | \`${esc(r.path)}\` | ${r.versions.join(", ")} | ${granted} | ${r.throttle} |`;
    });
  return ["| Method | Path | Versions | Application permissions (any one grants it) | Limits |", "|---|---|---|---|---|", ...rows].join("\n");
}

export function renderSimTable(area: readonly SimControlRoute[]): string {
  const rows = [
    ...CORE_SIM_ROUTES.map((r) => `| ${r.method} | \`${r.path}\` | ${r.what} |`),
    ...[...area]
      .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
      .map((r) => `| ${r.method} | \`/_sim${esc(r.path)}\` | ${esc(r.description ?? 'simulated HoloLens 2 devices (see "Simulated devices")')} |`),
  ];
  return ["| Method | Path | What it does |", "|---|---|---|", ...rows].join("\n");
}

const n = (value: number) => value.toLocaleString("en-US");
const bytes = (value: number) => (value % (1024 * 1024) === 0 ? `${n(value / (1024 * 1024))} MiB` : value % 1024 === 0 ? `${n(value / 1024)} KiB` : `${n(value)} bytes`);
const seconds = (ms: number) => `${n(ms / 1000)} s`;

/** The limits the local tenant enforces, from the constants the code uses. */
export function renderLimits(): string {
  const l = DEFAULT_REQUEST_LIMITS;
  const rows = [
    ["Request body, Graph routes and `/_sim`", bytes(l.maxBodyBytes), "413 `RequestEntityTooLarge` (Graph's error shape)"],
    ["Request body, Entra endpoints (`/{tenant}/oauth2/…`)", bytes(l.maxTokenBodyBytes), "413 `RequestEntityTooLarge`"],
    ["Request bodies held in memory at once, all requests", bytes(l.maxBufferedBodyBytes), "503 `serviceNotAvailable` with `Retry-After: 1`"],
    ["Open connections", n(l.maxConnections), "further connections are closed on accept until some end"],
    ["Receiving the headers (and the TLS handshake)", seconds(l.headersTimeoutMs), "408, connection closed"],
    ["Receiving the whole request", seconds(l.requestTimeoutMs), "408, connection closed"],
    ["Idle keep-alive connection", seconds(l.keepAliveTimeoutMs), "closed"],
    ["Rest of an upload read and dropped after an early answer", `${seconds(l.lingerMs)} or ${bytes(l.maxLingerBytes)}`, "then the connection is closed"],
    ["JSON nesting (arrays and objects)", `${n(MAX_JSON_DEPTH)} levels`, "400 `BadRequest`"],
    ["`$filter` length", `${n(MAX_FILTER_LENGTH)} characters`, "400 `BadRequest` \"Invalid filter clause: The query specified in the URI is not valid. …\""],
    ["`$filter` nesting (parentheses, `not`, calls, lambdas)", `${n(MAX_FILTER_DEPTH)} levels`, "400 `BadRequest` \"… The recursion limit has been exceeded.\""],
    ["`$filter` size", `${n(MAX_FILTER_NODES)} nodes`, `400 \`BadRequest\` "… The node count limit of '${MAX_FILTER_NODES}' has been exceeded."`],
    ["Client assertion still valid when presented (`exp` − now)", seconds(MAX_ASSERTION_LIFETIME_SECONDS * 1000), "401 `invalid_client` AADSTS700024"],
  ];
  return ["| Limit | Value | Past it |", "|---|---|---|", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** The user property lengths (user resource reference, "Maximum length is N characters"). */
export function renderUserLengths(): string {
  return Object.entries(USER_MAX_LENGTH)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([property, max]) => `\`${property}\` ${n(max)}`)
    .join(", ");
}

export function renderRoles(): string {
  return HOLOFLEET_APP_ROLES.map((r) => `- \`${r}\``).join("\n");
}

export function renderDelegatedScopes(): string {
  return HOLOFLEET_DELEGATED_SCOPES.map((r) => `- \`${r}\``).join("\n");
}

/** Replaces each `<!-- generated:name -->…<!-- /generated:name -->` block. */
export function updateDoc(text: string, sections: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(sections)) {
    const re = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`the document has no generated:${name} block`);
    out = out.replace(re, `$1\n${body}\n$2`);
  }
  return out;
}

export function currentSections(): Record<string, string> {
  return {
    routes: renderRouteTable(allRoutes, loadPermissionsMap(), loadDelegatedPermissionsMap()),
    sim: renderSimTable(allSimRoutes),
    roles: renderRoles(),
    "delegated-scopes": renderDelegatedScopes(),
    limits: renderLimits(),
    "user-lengths": renderUserLengths(),
  };
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) {
  writeFileSync(DOC_FILE, updateDoc(readFileSync(DOC_FILE, "utf8"), currentSections()));
  console.log("updated docs/local-tenant.md");
}
