/**
 * Console sessions carry who signed in and how: a local account (its role is read from `console_users` at
 * every request, so a changed role applies at once) or an Entra ID user (no local account; the role mapped
 * from their groups at sign-in is kept with the session). `last_seen_at` gives the idle expiry. The table is
 * made anew rather than altered (SQLite cannot drop the foreign key that tied every session to a local
 * account): sessions are disposable, so everyone signs in once more after this migration.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { MigrationDialect } from "./0001-fleet-tables.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations see the database as it is at their time, not today's types
type Db = Kysely<any>;

// The roles as they are at this migration's time (port.ts may gain more later, in a migration of its own).
const ROLES = ["viewer", "operator", "admin"] as const;

export function consoleSessionViewer(dialect: MigrationDialect): Migration {
  const key = dialect === "postgres" ? sql`text collate "C"` : sql`text`;
  const roles = sql.join(ROLES.map((r) => sql.lit(r)));
  return {
    async up(db: Db) {
      await db.schema.dropTable("console_sessions").execute();
      await db.schema
        .createTable("console_sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey().check(sql`length(token_hash) = 64`))
        .addColumn("user_name", key, (c) => c.notNull())
        .addColumn("via", "text", (c) => c.notNull().check(sql`via in ('local', 'entra')`))
        .addColumn("role", "text", (c) => c.check(sql`role in (${roles})`))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        // A local session takes its role from the account; an Entra session must carry one.
        .addCheckConstraint("console_sessions_role_by_via", sql`(via = 'local' and role is null) or (via = 'entra' and role is not null)`)
        .execute();
      await db.schema.createIndex("console_sessions_expiry").on("console_sessions").column("expires_at").execute();
      await db.schema.createIndex("console_sessions_user").on("console_sessions").column("user_name").execute();
    },
  };
}
