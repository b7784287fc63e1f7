/**
 * The fleet store's migrations, in order, for kysely's Migrator: a static, sorted list (no filesystem
 * globbing, STYLE.md §H habit 2), the same names for SQLite and PostgreSQL. Add a migration by adding a
 * file and one line here; never edit or rename one that has shipped.
 */
import type { Migration, MigrationProvider } from "kysely";
import { fleetTables, type MigrationDialect } from "./0001-fleet-tables.ts";
import { hardwareHashIndex } from "./0002-hardware-hash-index.ts";
import { consoleSessionViewer } from "./0003-console-session-viewer.ts";
import { consoleListIndexes } from "./0004-console-list-indexes.ts";

export type { MigrationDialect } from "./0001-fleet-tables.ts";

export function fleetMigrations(dialect: MigrationDialect): Record<string, Migration> {
  return {
    "0001-fleet-tables": fleetTables(dialect),
    "0002-hardware-hash-index": hardwareHashIndex(dialect),
    "0003-console-session-viewer": consoleSessionViewer(dialect),
    "0004-console-list-indexes": consoleListIndexes(dialect),
  };
}

export function fleetMigrationProvider(dialect: MigrationDialect): MigrationProvider {
  return { getMigrations: async () => fleetMigrations(dialect) };
}
