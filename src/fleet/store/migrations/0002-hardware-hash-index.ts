/**
 * PostgreSQL: the unique index on `devices.hardware_hash` becomes a unique index on the hash's MD5. A real
 * hardware hash is about 3,000 incompressible bytes (4,000 base64 characters), more than a b-tree index row
 * may hold (2,704 bytes), so the first real device failed to insert. SQLite has no such limit: nothing to do.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { MigrationDialect } from "./0001-fleet-tables.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database as it is at their time, not today's types
type Db = Kysely<any>;

export function hardwareHashIndex(dialect: MigrationDialect): Migration {
  return {
    async up(db: Db) {
      if (dialect !== "postgres") return;
      await sql.raw("alter table devices drop constraint devices_hardware_hash_key").execute(db);
      // MD5 only keys the index (two distinct hashes sharing one is out of practical reach); the column keeps the hash whole.
      await sql.raw("create unique index devices_hardware_hash_key on devices (md5(hardware_hash))").execute(db);
    },
  };
}
