/**
 * The fleet's tables, indexes and guards. One migration for both databases: the schema builder writes
 * each dialect's DDL, and the few statements kysely cannot express (triggers) are given per dialect.
 * Guards live in the schema, not only in code: closed value sets (CHECK), one open loan per device (a
 * partial unique index), no column that could hold a password, and append-only tables (triggers).
 */
import { sql, type CreateTableBuilder, type Kysely, type Migration } from "kysely";
import { DEVICE_STATES, ROTATION_REASONS } from "../../loan-state.ts";
import { CONSOLE_ROLES, LOAN_RECORD_STATES } from "../port.ts";

export type MigrationDialect = "sqlite" | "postgres";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database as it is at their time, not today's types
type Db = Kysely<any>;

const oneOf = (column: string, values: readonly string[]) => sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

/** Tables nobody may change or empty once written: what happened stays as it was recorded. */
const APPEND_ONLY_TABLES = ["events", "password_rotations"] as const;

async function appendOnly(db: Db, dialect: MigrationDialect): Promise<void> {
  if (dialect === "sqlite") {
    for (const table of APPEND_ONLY_TABLES) {
      for (const op of ["update", "delete"] as const) {
        await sql
          .raw(`create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, '${table} is append-only: rows cannot be changed or removed'); end`)
          .execute(db);
      }
    }
    return;
  }
  await sql
    .raw(
      `create function holofleet_append_only() returns trigger language plpgsql as $$
       begin
         raise exception '% is append-only: rows cannot be changed or removed', tg_table_name using errcode = 'integrity_constraint_violation';
       end $$`,
    )
    .execute(db);
  for (const table of APPEND_ONLY_TABLES) {
    await sql.raw(`create trigger ${table}_no_change before update or delete on ${table} for each row execute function holofleet_append_only()`).execute(db);
    await sql.raw(`create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function holofleet_append_only()`).execute(db);
  }
}

export function fleetTables(dialect: MigrationDialect): Migration {
  // Keys compare and sort byte by byte in both databases: SQLite's default (BINARY), and "C" in
  // PostgreSQL, whose default collation would otherwise sort serials by the server's locale.
  const key = dialect === "postgres" ? sql`text collate "C"` : sql`text`;
  // An integer id the database assigns: `serial` in PostgreSQL, `integer primary key autoincrement` in SQLite.
  const withId = <T extends string>(table: CreateTableBuilder<T>) =>
    dialect === "postgres" ? table.addColumn("id", "serial", (c) => c.primaryKey()) : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
  return {
    async up(db: Db) {
      await db.schema
        .createTable("devices")
        .addColumn("serial", key, (c) => c.primaryKey())
        .addColumn("hardware_hash", "text", (c) => c.unique())
        .addColumn("product_id", "text")
        .addColumn("model", "text")
        .addColumn("group_tag", "text")
        .addColumn("entra_device_id", "text")
        .addColumn("intune_managed_device_id", "text")
        .addColumn("autopilot_id", "text")
        .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", DEVICE_STATES)))
        .addColumn("version", "integer", (c) => c.notNull().check(sql`version >= 1`))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("devices_state").on("devices").columns(["state", "serial"]).execute();

      await db.schema
        .createTable("clients")
        .addColumn("id", key, (c) => c.primaryKey())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("client_accounts")
        .addColumn("upn", key, (c) => c.primaryKey())
        .addColumn("client_id", key, (c) => c.notNull().references("clients.id"))
        .addColumn("display_name", "text")
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("client_accounts_client").on("client_accounts").column("client_id").execute();

      await db.schema
        .createTable("loans")
        .$call(withId)
        .addColumn("device_serial", key, (c) => c.notNull().references("devices.serial"))
        .addColumn("client_id", key, (c) => c.notNull().references("clients.id"))
        .addColumn("state", "text", (c) => c.notNull().check(oneOf("state", LOAN_RECORD_STATES)))
        .addColumn("expected_return", "text", (c) => c.notNull())
        .addColumn("prepared_at", "text", (c) => c.notNull())
        .addColumn("shipped_at", "text")
        .addColumn("delivered_at", "text")
        .addColumn("returned_at", "text")
        .addColumn("closed_at", "text")
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // At most one open loan per device, whatever the code above it does.
      await db.schema.createIndex("loans_one_open_per_device").on("loans").column("device_serial").unique().where(sql.ref("state"), "=", "open").execute();
      await db.schema.createIndex("loans_device").on("loans").columns(["device_serial", "id"]).execute();
      await db.schema.createIndex("loans_client").on("loans").column("client_id").execute();
      await db.schema.createIndex("loans_due").on("loans").columns(["state", "expected_return"]).execute();

      await db.schema
        .createTable("loan_accounts")
        .addColumn("loan_id", "integer", (c) => c.notNull().references("loans.id"))
        .addColumn("upn", key, (c) => c.notNull().references("client_accounts.upn"))
        .addPrimaryKeyConstraint("loan_accounts_pk", ["loan_id", "upn"])
        .execute();

      // No password column, and `reason` is a closed set: there is no free text a password could go into.
      await db.schema
        .createTable("password_rotations")
        .$call(withId)
        .addColumn("upn", key, (c) => c.notNull().references("client_accounts.upn"))
        .addColumn("rotated_at", "text", (c) => c.notNull())
        .addColumn("rotated_by", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull().check(oneOf("reason", ROTATION_REASONS)))
        .addColumn("loan_id", "integer", (c) => c.references("loans.id"))
        .execute();
      await db.schema.createIndex("password_rotations_upn").on("password_rotations").columns(["upn", "rotated_at"]).execute();

      await db.schema
        .createTable("events")
        .$call(withId)
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("subject_type", "text", (c) => c.notNull())
        .addColumn("subject_id", "text", (c) => c.notNull())
        .addColumn("before_json", "text")
        .addColumn("after_json", "text")
        .execute();
      await db.schema.createIndex("events_subject").on("events").columns(["subject_type", "subject_id", "id"]).execute();

      // A hash is all that can be stored: a value that is not one of the two hash formats is refused.
      await db.schema
        .createTable("console_users")
        .addColumn("name", key, (c) => c.primaryKey())
        .addColumn("role", "text", (c) => c.notNull().check(oneOf("role", CONSOLE_ROLES)))
        .addColumn("password_hash", "text", (c) => c.notNull().check(sql`password_hash like 'scrypt$%' or password_hash like '$argon2%'`))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("console_sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey().check(sql`length(token_hash) = 64`))
        .addColumn("user_name", key, (c) => c.notNull().references("console_users.name").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("console_sessions_expiry").on("console_sessions").column("expires_at").execute();

      await appendOnly(db, dialect);
    },

    async down(db: Db) {
      for (const table of ["console_sessions", "console_users", "events", "password_rotations", "loan_accounts", "loans", "client_accounts", "clients", "devices"]) {
        await db.schema.dropTable(table).execute();
      }
      if (dialect === "postgres") await sql`drop function holofleet_append_only()`.execute(db);
    },
  };
}
