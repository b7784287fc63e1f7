/**
 * The console's local accounts and sessions. Users hold a password hash only (the schema refuses any
 * other value); sessions hold the SHA-256 of the cookie token, never the token, and are not logged as
 * events (the console logs sign-ins itself, without the token).
 */
import { appendEvent, assertActor, type StoreContext } from "./context.ts";
import { toStoreError } from "./driver-errors.ts";
import { CONSOLE_ROLES, type ConsoleSessionStore, type ConsoleUserStore } from "./port.ts";
import { toConsoleUser, toSession } from "./rows.ts";
import { StoreError } from "./store-error.ts";

const HASH_FORMAT = /^(scrypt\$|\$argon2)/;
const TOKEN_HASH = /^[0-9a-f]{64}$/;

function checkHash(passwordHash: string): void {
  if (typeof passwordHash !== "string" || !HASH_FORMAT.test(passwordHash)) {
    throw new StoreError("invalid", "a console user's password must be stored hashed (scrypt$… or $argon2…), never as given");
  }
}

export function createConsoleUserStore(ctx: StoreContext): ConsoleUserStore {
  return {
    async add(user, actor) {
      assertActor(actor);
      if (typeof user.name !== "string" || !/^[A-Za-z0-9._@-]{1,64}$/.test(user.name)) {
        throw new StoreError("invalid", "a console user name is 1–64 letters, digits, '.', '_', '@' or '-'");
      }
      if (!(CONSOLE_ROLES as readonly string[]).includes(user.role)) throw new StoreError("invalid", `a console role is one of ${CONSOLE_ROLES.join(", ")}`);
      checkHash(user.passwordHash);
      try {
        return await ctx.write(async (trx) => {
          const now = ctx.now();
          const row = await trx
            .insertInto("console_users")
            .values({ name: user.name, role: user.role, password_hash: user.passwordHash, version: 1, created_at: now, updated_at: now })
            .returningAll()
            .executeTakeFirstOrThrow();
          await appendEvent(trx, now, { actor, action: "console-user.added", subjectType: "console-user", subjectId: user.name, after: { role: user.role } });
          return toConsoleUser(row);
        });
      } catch (error) {
        throw toStoreError(error, { unique: `a console user named ${user.name} already exists` });
      }
    },

    async get(name) {
      const row = await ctx.db.selectFrom("console_users").selectAll().where("name", "=", name).executeTakeFirst();
      return row ? toConsoleUser(row) : null;
    },

    async list() {
      return (await ctx.db.selectFrom("console_users").selectAll().orderBy("name").execute()).map(toConsoleUser);
    },

    async setPasswordHash(name, expectedVersion, passwordHash, actor) {
      assertActor(actor);
      checkHash(passwordHash);
      return ctx.write(async (trx) => {
        const now = ctx.now();
        const row = await trx
          .updateTable("console_users")
          .set({ password_hash: passwordHash, version: expectedVersion + 1, updated_at: now })
          .where("name", "=", name)
          .where("version", "=", expectedVersion)
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const exists = await trx.selectFrom("console_users").select("version").where("name", "=", name).executeTakeFirst();
          if (!exists) throw new StoreError("not-found", `no console user named ${name}`);
          throw new StoreError("conflict", `console user ${name} changed since it was read (version ${expectedVersion}, now ${exists.version}); reload and try again`);
        }
        await appendEvent(trx, now, { actor, action: "console-user.password-changed", subjectType: "console-user", subjectId: name });
        return toConsoleUser(row);
      });
    },
  };
}

export function createConsoleSessionStore(ctx: StoreContext): ConsoleSessionStore {
  return {
    async create(session) {
      if (!TOKEN_HASH.test(session.tokenHash)) throw new StoreError("invalid", "a session is stored by the SHA-256 (64 hex digits) of its token, never the token");
      const via = session.via ?? "local";
      const role = via === "entra" ? session.role : null;
      if (via !== "local" && via !== "entra") throw new StoreError("invalid", "a session is signed in via local or entra");
      if (via === "entra" && !(CONSOLE_ROLES as readonly (string | null | undefined)[]).includes(role)) throw new StoreError("invalid", `an Entra ID session carries a role, one of ${CONSOLE_ROLES.join(", ")}`);
      try {
        return await ctx.write(async (trx) => {
          if (via === "local" && !(await trx.selectFrom("console_users").select("name").where("name", "=", session.userName).executeTakeFirst())) {
            throw new StoreError("not-found", `no console user named ${session.userName}`);
          }
          const now = ctx.now();
          const row = await trx
            .insertInto("console_sessions")
            .values({ token_hash: session.tokenHash, user_name: session.userName, via, role: role ?? null, created_at: now, expires_at: new Date(session.expiresAt).toISOString(), last_seen_at: now })
            .returningAll()
            .executeTakeFirstOrThrow();
          return toSession(row);
        });
      } catch (error) {
        if (error instanceof StoreError) throw error;
        throw toStoreError(error, { unique: "that session already exists" });
      }
    },

    async find(tokenHash) {
      const row = await ctx.db.selectFrom("console_sessions").selectAll().where("token_hash", "=", tokenHash).where("expires_at", ">", ctx.now()).executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async touch(tokenHash) {
      await ctx.write((trx) => trx.updateTable("console_sessions").set({ last_seen_at: ctx.now() }).where("token_hash", "=", tokenHash).execute());
    },

    async delete(tokenHash) {
      await ctx.write((trx) => trx.deleteFrom("console_sessions").where("token_hash", "=", tokenHash).execute());
    },

    async deleteExpired() {
      const result = await ctx.write((trx) => trx.deleteFrom("console_sessions").where("expires_at", "<=", ctx.now()).executeTakeFirst());
      return Number(result.numDeletedRows);
    },
  };
}
