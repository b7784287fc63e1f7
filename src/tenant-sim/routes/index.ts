/**
 * The route registry of the local tenant: every Graph route (`allRoutes`), the background tickers
 * run before each request (`allTickers`) and the area-specific `/_sim/…` routes (`allSimRoutes`).
 * Each area adds one import line and one spread per list. The core `/_sim` routes (faults, clock,
 * stats, applications, reset) are mounted by `app.ts` from `sim-core.ts`.
 */
import type { RouteDef, SimControlRoute, SimTicker } from "../framework.ts";
import { organizationRoutes } from "./organization.ts";

export const allRoutes: RouteDef[] = [
  ...organizationRoutes,
];

export const allTickers: SimTicker[] = [];

export const allSimRoutes: SimControlRoute[] = [];
