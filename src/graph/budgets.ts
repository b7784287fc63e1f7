/**
 * Client-side budgets from Microsoft's documented Graph service limits, so holofleet stays under
 * them and 429s stay rare (graph-facts §9.5, from `concepts/throttling-limits.md` and the Intune
 * includes `includes/throttling-intune-*.md`):
 * - Intune device configuration and device enrollment (Autopilot): 100 writes and 1,000 requests
 *   per 20 s per app per tenant; Intune devices (managedDevices): 200 writes and 2,000 requests.
 *   Stated as "N per 20 seconds": a sliding window.
 * - Microsoft Entra identity and access (users, groups, licences, devices, domains): 3,000 writes
 *   per 150 s per app per tenant, and resource units per 10 s per app per tenant by tenant size
 *   (3,500 / 5,000 / 8,000), each request costing the documented units. Token buckets. The tenant's
 *   size is not known up front, so the smallest (3,500) is the default.
 * Per-tenant limits across all apps (Intune 200 / 20 s, directory 18,000 writes / 5 min) are
 * higher than these per-app ones, and the global 130,000 / 10 s per app is out of reach.
 */
import type { BudgetClass, HttpMethod } from "./types.ts";

export interface WindowLimit {
  kind: "window";
  capacity: number;
  windowMs: number;
}

export interface BucketLimit {
  kind: "bucket";
  capacity: number;
  /** Time to refill a full bucket. */
  windowMs: number;
}

export type Limit = WindowLimit | BucketLimit;

/** The limits one class of request is admitted against; writes count against `writes` and `all`. */
export interface ServiceBudget {
  /** Writes (POST, PATCH, PUT, DELETE). */
  writes: Limit;
  /** Every request (Intune: requests; directory: resource units, `costOf` decides the units). */
  all: Limit;
}

export type Budgets = Record<Exclude<BudgetClass, "none">, ServiceBudget>;

const INTUNE_WINDOW_MS = 20_000;

/** The documented numbers (see the module header for the sources). */
export const DOCUMENTED_BUDGETS: Budgets = {
  "intune-configuration": {
    writes: { kind: "window", capacity: 100, windowMs: INTUNE_WINDOW_MS },
    all: { kind: "window", capacity: 1000, windowMs: INTUNE_WINDOW_MS },
  },
  "intune-enrollment": {
    writes: { kind: "window", capacity: 100, windowMs: INTUNE_WINDOW_MS },
    all: { kind: "window", capacity: 1000, windowMs: INTUNE_WINDOW_MS },
  },
  "intune-devices": {
    writes: { kind: "window", capacity: 200, windowMs: INTUNE_WINDOW_MS },
    all: { kind: "window", capacity: 2000, windowMs: INTUNE_WINDOW_MS },
  },
  directory: {
    writes: { kind: "bucket", capacity: 3000, windowMs: 150_000 },
    all: { kind: "bucket", capacity: 3500, windowMs: 10_000 },
  },
};

/** Directory resource units per 10 s by tenant size: S (< 50 users), M (50–500), L (> 500). */
export const DIRECTORY_RESOURCE_UNITS = { small: 3500, medium: 5000, large: 8000 } as const;

/** The path under the version root, lower-cased, without query: `/devicemanagement/manageddevices/{…}`. */
export function graphPathOf(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split("?")[0] ?? url;
  }
  return decodeURIComponent(path.replace(/^\/(v1\.0|beta)(?=\/|$)/i, "")).toLowerCase() || "/";
}

/**
 * Which service a request counts against. Intune's documented tables name device configuration,
 * enrollment and devices; any other `deviceManagement` / `deviceAppManagement` path falls under
 * device configuration, the strictest of them.
 */
export function budgetClassOf(url: string): BudgetClass {
  const path = graphPathOf(url);
  if (path === "/$batch") return "none";
  if (!/^\/(devicemanagement|deviceappmanagement)(\/|$)/.test(path)) return "directory";
  if (/^\/devicemanagement\/manageddevices(\/|$)/.test(path)) return "intune-devices";
  if (
    /^\/devicemanagement\/(windowsautopilot[a-z]*|importedwindowsautopilotdeviceidentities|deviceenrollmentconfigurations)(\/|$)/.test(path)
  )
    return "intune-enrollment";
  return "intune-configuration";
}

export const isWrite = (method: HttpMethod): boolean => method !== "GET";

/**
 * Units a request takes from `all`: 1 for Intune; for the directory the documented base costs
 * (`GET users` 2, `groups/{id}/members` 3, `transitiveMembers` 5, `subscribedSkus` 3,
 * `licenseDetails` 2, other reads 1, writes 1) adjusted by `$select` −1, `$expand` +1, `$top` < 20 −1,
 * never below 1 (graph-facts §9.5).
 */
export function costOf(cls: BudgetClass, method: HttpMethod, url: string): number {
  if (cls !== "directory") return 1;
  if (isWrite(method)) return 1;
  const path = graphPathOf(url);
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    query = new URLSearchParams(url.split("?")[1] ?? "");
  }
  let cost = 1;
  if (/^\/users(\/[^/]+)?$/.test(path) && !path.endsWith("/delta")) cost = 2;
  else if (path.endsWith("/transitivemembers")) cost = 5;
  else if (/^\/groups\/[^/]+\/members$/.test(path)) cost = 3;
  else if (path === "/subscribedskus") cost = 3;
  else if (path.endsWith("/licensedetails")) cost = 2;
  if (query.has("$select")) cost -= 1;
  if (query.has("$expand")) cost += 1;
  const top = Number(query.get("$top"));
  if (query.has("$top") && top < 20) cost -= 1;
  return Math.max(1, cost);
}
