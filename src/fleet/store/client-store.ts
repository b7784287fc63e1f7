/** Clients (the blueprint's client organisations) and their accounts, as the fleet knows them. */
import { appendEvent, assertActor, type StoreContext } from "./context.ts";
import { toStoreError } from "./driver-errors.ts";
import type { ClientAccountStore, ClientStore } from "./port.ts";
import { toAccount, toClient } from "./rows.ts";
import { StoreError } from "./store-error.ts";

function required(value: unknown, what: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new StoreError("invalid", `${what} is required`);
  return value;
}

export function createClientStore(ctx: StoreContext): ClientStore {
  return {
    async put(client, actor) {
      assertActor(actor);
      const id = required(client.id, "a client id");
      const displayName = required(client.displayName, "a client's display name");
      try {
        return await ctx.write(async (trx) => {
          const now = ctx.now();
          const before = await trx.selectFrom("clients").selectAll().where("id", "=", id).executeTakeFirst();
          if (before && before.display_name === displayName) return toClient(before);
          const row = before
            ? await trx.updateTable("clients").set({ display_name: displayName, version: before.version + 1, updated_at: now }).where("id", "=", id).returningAll().executeTakeFirstOrThrow()
            : await trx.insertInto("clients").values({ id, display_name: displayName, version: 1, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
          await appendEvent(trx, now, {
            actor,
            action: before ? "client.updated" : "client.added",
            subjectType: "client",
            subjectId: id,
            before: before ? { displayName: before.display_name } : null,
            after: { displayName },
          });
          return toClient(row);
        });
      } catch (error) {
        throw toStoreError(error, { unique: `client ${id} was added by someone else at the same time; try again` });
      }
    },

    async get(id) {
      const row = await ctx.db.selectFrom("clients").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? toClient(row) : null;
    },

    async list() {
      return (await ctx.db.selectFrom("clients").selectAll().orderBy("id").execute()).map(toClient);
    },
  };
}

export function createClientAccountStore(ctx: StoreContext): ClientAccountStore {
  return {
    async put(account, actor) {
      assertActor(actor);
      const upn = required(account.upn, "an account's UPN");
      const clientId = required(account.clientId, "an account's client id");
      const displayName = account.displayName ?? null;
      try {
        return await ctx.write(async (trx) => {
          const now = ctx.now();
          const client = await trx.selectFrom("clients").select("id").where("id", "=", clientId).executeTakeFirst();
          if (!client) throw new StoreError("not-found", `no client ${clientId} in the fleet store for account ${upn}`);
          const before = await trx.selectFrom("client_accounts").selectAll().where("upn", "=", upn).executeTakeFirst();
          if (before && before.client_id !== clientId) {
            throw new StoreError("invalid", `account ${upn} belongs to client ${before.client_id}, not ${clientId}: an account serves one client`);
          }
          if (before && before.display_name === displayName) return toAccount(before);
          const row = before
            ? await trx.updateTable("client_accounts").set({ display_name: displayName, version: before.version + 1, updated_at: now }).where("upn", "=", upn).returningAll().executeTakeFirstOrThrow()
            : await trx
                .insertInto("client_accounts")
                .values({ upn, client_id: clientId, display_name: displayName, version: 1, created_at: now, updated_at: now })
                .returningAll()
                .executeTakeFirstOrThrow();
          await appendEvent(trx, now, {
            actor,
            action: before ? "account.updated" : "account.added",
            subjectType: "account",
            subjectId: upn,
            before: before ? { clientId: before.client_id, displayName: before.display_name } : null,
            after: { clientId, displayName },
          });
          return toAccount(row);
        });
      } catch (error) {
        throw toStoreError(error, { unique: `account ${upn} was added by someone else at the same time; try again` });
      }
    },

    async get(upn) {
      const row = await ctx.db.selectFrom("client_accounts").selectAll().where("upn", "=", upn).executeTakeFirst();
      return row ? toAccount(row) : null;
    },

    async list(query = {}) {
      let q = ctx.db.selectFrom("client_accounts").selectAll();
      if (query.clientId) q = q.where("client_id", "=", query.clientId);
      return (await q.orderBy("upn").execute()).map(toAccount);
    },
  };
}
