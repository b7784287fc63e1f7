/**
 * The fleet store on SQLite (better-sqlite3): the default, one file (`./.holofleet/fleet.sqlite`) in
 * WAL mode so readers never wait for a writer, foreign keys on, a busy timeout for writers from other
 * processes, and every write in a `BEGIN IMMEDIATE` transaction (the write lock is taken up front, so
 * a transaction never fails half-way on a lock upgrade). `:memory:` gives a private database for tests.
 */
import { mkdirSync, realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { createFleetStore } from "./create-fleet-store.ts";
import type { FleetDb, StoreContext } from "./context.ts";
import { KeyedMutex } from "./keyed-mutex.ts";
import { migrateFleetDatabase } from "./migrate.ts";
import type { FleetStore } from "./port.ts";
import type { FleetDatabase } from "./schema.ts";
import { StoreError } from "./store-error.ts";

export interface SqliteFleetStoreOptions {
  /** A file path, or `:memory:`. */
  file: string;
  clock?: () => Date;
  /** How long a writer waits for another process's write lock (default 5 s). */
  busyTimeoutMs?: number;
}

const writers = new KeyedMutex();
let privateDatabases = 0;

export async function openSqliteFleetStore(opts: SqliteFleetStoreOptions): Promise<FleetStore> {
  const memory = opts.file === ":memory:";
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  let database: Database.Database | undefined;
  try {
    if (!memory) mkdirSync(dirname(resolve(opts.file)), { recursive: true });
    database = new Database(opts.file, { timeout: busyTimeoutMs });
    if (!memory) database.pragma("journal_mode = WAL");
  } catch (error) {
    database?.close();
    throw new StoreError("unavailable", `cannot open the fleet database ${opts.file}: ${(error as Error).message}`, { cause: error });
  }
  return openSqliteFleetStoreOn(database, { clock: opts.clock, key: memory ? undefined : realpathSync(opts.file) });
}

/**
 * The store on a better-sqlite3 handle the caller opened (and closes through the store). `key` names
 * the database file for the in-process writer lock; without it the handle is taken to be private.
 */
export async function openSqliteFleetStoreOn(database: Database.Database, opts: { clock?: () => Date; key?: string } = {}): Promise<FleetStore> {
  const clock = opts.clock ?? (() => new Date());
  const name = database.name;
  try {
    database.pragma("foreign_keys = ON");
    // In WAL mode NORMAL loses no committed transaction on a crash of the process, only on power loss.
    database.pragma("synchronous = NORMAL");
  } catch (error) {
    throw new StoreError("unavailable", `cannot use the fleet database ${name}: ${(error as Error).message}`, { cause: error });
  }
  const key = opts.key ?? `private#${++privateDatabases}`;
  const db: FleetDb = new Kysely<FleetDatabase>({ dialect: new SqliteDialect({ database }) });

  try {
    // Migrations run under the write lock too, so two processes opening a new file do not both migrate.
    await writers.run(key, async () => {
      database.exec("BEGIN IMMEDIATE");
      try {
        await migrateFleetDatabase(db, "sqlite");
        database.exec("COMMIT");
      } catch (error) {
        if (database.inTransaction) database.exec("ROLLBACK");
        throw error;
      }
    });
  } catch (error) {
    await db.destroy();
    if (error instanceof StoreError) throw error;
    throw new StoreError("migration", `the fleet database ${name} could not be migrated: ${(error as Error).message}`, { cause: error });
  }

  const ctx: StoreContext = {
    kind: "sqlite",
    db,
    now: () => clock().toISOString(),
    write: (fn) =>
      writers.run(key, () =>
        db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await fn(conn);
            await sql`commit`.execute(conn);
            return result;
          } catch (error) {
            if (database.inTransaction) await sql`rollback`.execute(conn);
            throw error;
          }
        }),
      ),
  };
  return createFleetStore(ctx, () => db.destroy());
}
