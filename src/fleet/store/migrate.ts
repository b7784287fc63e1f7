/** Brings a fleet database up to the latest migration (kysely's Migrator over the static list). */
import { Migrator, type Kysely } from "kysely";
import { fleetMigrationProvider, type MigrationDialect } from "./migrations/index.ts";
import { StoreError } from "./store-error.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateFleetDatabase(db: Kysely<any>, dialect: MigrationDialect, schema?: string): Promise<string[]> {
  // Named, because kysely otherwise takes a `kysely_migration` table in any schema of the database for ours.
  const migrator = new Migrator({ db, provider: fleetMigrationProvider(dialect), ...(schema !== undefined && { migrationTableSchema: schema }) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/previously executed migration .* is missing/.test(message)) {
      throw new StoreError("migration", `the fleet database was migrated by a newer holofleet (${message}); upgrade holofleet to use it`, { cause: error });
    }
    const failed = results.find((r) => r.status === "Error");
    throw new StoreError("migration", `the fleet database could not be migrated${failed ? ` (migration ${failed.migrationName})` : ""}: ${message}`, { cause: error });
  }
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}
