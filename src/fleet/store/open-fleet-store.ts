/**
 * Picks the fleet store from the environment: `DATABASE_URL=postgres://…` (or `postgresql://…`) selects
 * PostgreSQL; without it, SQLite in `./.holofleet/fleet.sqlite` under the working directory.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FleetStore } from "./port.ts";
import { openPostgresFleetStore } from "./postgres.ts";
import { openSqliteFleetStore } from "./sqlite.ts";
import { StoreError } from "./store-error.ts";

export const DEFAULT_SQLITE_PATH = join(".holofleet", "fleet.sqlite");

export type FleetStoreLocation = { kind: "sqlite"; file: string } | { kind: "postgres"; connectionString: string };

export function fleetStoreLocation(env: Readonly<Record<string, string | undefined>>, cwd: string): FleetStoreLocation {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { kind: "sqlite", file: join(cwd, DEFAULT_SQLITE_PATH) };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgres", connectionString: url };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new StoreError(
    "invalid",
    `DATABASE_URL ${scheme ? `uses the scheme ${scheme}:` : "is not a URL"}; holofleet's fleet store takes postgres://… or postgresql://…, or no DATABASE_URL for SQLite in ${DEFAULT_SQLITE_PATH}`,
  );
}

export async function openFleetStore(opts: { env?: Readonly<Record<string, string | undefined>>; cwd?: string; clock?: () => Date } = {}): Promise<FleetStore> {
  const location = fleetStoreLocation(opts.env ?? process.env, opts.cwd ?? process.cwd());
  return location.kind === "postgres"
    ? openPostgresFleetStore({ connectionString: location.connectionString, clock: opts.clock })
    : openSqliteFleetStore({ file: location.file, clock: opts.clock });
}

/**
 * The fleet store if the program has one — `DATABASE_URL` names PostgreSQL, or the SQLite file already
 * exists — else null, creating nothing: for commands that only note what they did in its event log
 * (`apply` records `apply.run`) and must not leave a database behind where none was.
 */
export async function openFleetStoreIfPresent(opts: { env?: Readonly<Record<string, string | undefined>>; cwd?: string } = {}): Promise<FleetStore | null> {
  const location = fleetStoreLocation(opts.env ?? process.env, opts.cwd ?? process.cwd());
  if (location.kind === "sqlite" && !existsSync(location.file)) return null;
  return openFleetStore(opts);
}

