/**
 * The fleet store on PostgreSQL (`pg`), for teams that share one console: selected by
 * `DATABASE_URL=postgres://…`. Writes run in READ COMMITTED transactions; the compare-and-set UPDATE
 * makes a concurrent second writer wait for the first and then match no row (a `conflict`).
 * Migrations run in one transaction under kysely's advisory lock, so two processes never both migrate.
 */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { createFleetStore } from "./create-fleet-store.ts";
import type { FleetDb, StoreContext } from "./context.ts";
import { migrateFleetDatabase } from "./migrate.ts";
import type { FleetStore } from "./port.ts";
import type { FleetDatabase } from "./schema.ts";
import { StoreError } from "./store-error.ts";

export interface PostgresFleetStoreOptions {
  /** `postgres://user:password@host:port/database` (the password never appears in an error). */
  connectionString: string;
  clock?: () => Date;
  /** A schema to work in (created when missing) instead of the user's default; tests use one each. */
  schema?: string;
  poolSize?: number;
}

/** `host:port/database`, without credentials, for messages. */
export function describePostgresUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "(a DATABASE_URL that is not a URL)";
  }
}

/**
 * `create schema if not exists` is not safe against itself: of two sessions creating one schema at once,
 * the loser fails on the catalogue's unique index (23505) or with duplicate_schema (42P06). Either means
 * another process made it, which is all that is asked.
 */
async function createSchemaOnce(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`create schema if not exists ${schema}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "23505" && code !== "42P06") throw error;
  }
}

export async function openPostgresFleetStore(opts: PostgresFleetStoreOptions): Promise<FleetStore> {
  const where = describePostgresUrl(opts.connectionString);
  if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema)) {
    throw new StoreError("invalid", `schema name ${JSON.stringify(opts.schema)} is not a plain lower-case identifier`);
  }
  const clock = opts.clock ?? (() => new Date());
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
    ...(opts.schema && { options: `-c search_path=${opts.schema}` }),
  });
  // An idle connection the server drops must not crash the process; the next query reports the problem.
  pool.on("error", () => {});
  try {
    if (opts.schema) await createSchemaOnce(pool, opts.schema);
    else await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => {});
    // No `cause`: a driver error can carry the connection string, password included.
    const code = (error as { code?: string }).code;
    throw new StoreError("unavailable", `cannot reach the fleet database at ${where}: ${(error as Error).message}${code ? ` (${code})` : ""}`);
  }
  const db: FleetDb = new Kysely<FleetDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateFleetDatabase(db, "postgres", opts.schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const ctx: StoreContext = {
    kind: "postgres",
    db,
    now: () => clock().toISOString(),
    write: (fn) => db.transaction().execute(fn),
  };
  return createFleetStore(ctx, () => db.destroy());
}
