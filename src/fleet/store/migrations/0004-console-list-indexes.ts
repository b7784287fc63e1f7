/**
 * Indexes for the console's lists: devices filtered by state in serial order and sorted by model or last
 * change (the devices page pages through 10,000 of them), and the event log read by action newest first
 * (the last apply, the last audit). The same on both databases (PostgreSQL's in byte order, as the page sorts).
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { MigrationDialect } from "./0001-fleet-tables.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database as it is at their time, not today's types
type Db = Kysely<any>;

export function consoleListIndexes(dialect: MigrationDialect): Migration {
  return {
    async up(db: Db) {
      await db.schema.createIndex("devices_state_serial").on("devices").columns(["state", "serial"]).execute();
      // The order the devices page asks for: devices without a model last, then by model in byte order, then serial.
      const model = dialect === "postgres" ? 'model collate "C"' : "model";
      await sql.raw(`create index devices_model_serial on devices ((model is null), ${model}, serial)`).execute(db);
      await db.schema.createIndex("devices_updated_serial").on("devices").columns(["updated_at", "serial"]).execute();
      await db.schema.createIndex("events_action").on("events").columns(["action", "id"]).execute();
    },
    async down(db: Db) {
      for (const name of ["events_action", "devices_updated_serial", "devices_model_serial", "devices_state_serial"]) await db.schema.dropIndex(name).execute();
    },
  };
}
