/**
 * Loans: the device's life cycle (loan-state.ts) applied by compare-and-set. A transition reads the
 * device, checks that it is still in the state and version the operator saw, plans the transition with
 * the pure table, and updates the device `WHERE serial = ? AND state = ? AND version = ?`, so of two
 * operators acting on one device at once exactly one changes it and the other gets a `conflict` —
 * whether the database serialises the two transactions (SQLite's write lock) or lets both read first
 * (PostgreSQL, where the second UPDATE waits for the first and then matches no row).
 */
import type { Selectable, Updateable } from "kysely";
import { planTransition, type DeviceState, type TransitionInput } from "../loan-state.ts";
import { appendEvent, assertActor, type FleetDb, type StoreContext } from "./context.ts";
import { versionConflict } from "./device-store.ts";
import { classifyDriverError, toStoreError } from "./driver-errors.ts";
import type { Loan, LoanQuery, LoanRecordState, LoanStore, LoanTransitionRequest } from "./port.ts";
import { toDevice, toLoan } from "./rows.ts";
import type { LoansTable } from "./schema.ts";
import { StoreError } from "./store-error.ts";

type LoanRow = Selectable<LoansTable>;

async function withAccounts(db: FleetDb, rows: readonly LoanRow[]): Promise<Loan[]> {
  if (rows.length === 0) return [];
  const links = await db.selectFrom("loan_accounts").selectAll().where("loan_id", "in", rows.map((r) => r.id)).execute();
  // Grouped once: the console lists every open loan, and a filter per loan made that quadratic.
  const upns = new Map<number, string[]>();
  for (const l of links) upns.set(l.loan_id, [...(upns.get(l.loan_id) ?? []), l.upn]);
  return rows.map((r) => toLoan(r, upns.get(r.id) ?? []));
}

function isoDate(text: string, what: string): string {
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new StoreError("invalid", `${what} is not a date (ISO 8601): ${JSON.stringify(text)}`);
  return new Date(at).toISOString();
}

/** The loan the transition works on: the open one, or for `found` the last one (which was lost). */
async function loanFor(trx: FleetDb, serial: string, action: string): Promise<LoanRow | null> {
  let q = trx.selectFrom("loans").selectAll().where("device_serial", "=", serial);
  q = action === "found" ? q.where("state", "=", "lost") : q.where("state", "=", "open");
  return (await q.orderBy("id", "desc").limit(1).executeTakeFirst()) ?? null;
}

async function openLoan(trx: FleetDb, serial: string, input: TransitionInput, now: string): Promise<LoanRow> {
  const clientId = input.clientId!;
  const upns = [...new Set(input.accountUpns!)];
  const client = await trx.selectFrom("clients").select("id").where("id", "=", clientId).executeTakeFirst();
  if (!client) throw new StoreError("not-found", `no client ${clientId} in the fleet store`);
  const accounts = await trx.selectFrom("client_accounts").select(["upn", "client_id"]).where("upn", "in", upns).execute();
  const missing = upns.filter((u) => !accounts.some((a) => a.upn === u));
  if (missing.length) throw new StoreError("not-found", `no account ${missing.join(", ")} in the fleet store`);
  const foreign = accounts.filter((a) => a.client_id !== clientId).map((a) => `${a.upn} (client ${a.client_id})`);
  if (foreign.length) throw new StoreError("invalid", `account(s) of another client cannot sign in on a device lent to ${clientId}: ${foreign.join(", ")}`);
  const row = await trx
    .insertInto("loans")
    .values({
      device_serial: serial,
      client_id: clientId,
      state: "open",
      expected_return: isoDate(input.expectedReturn!, "the expected return"),
      prepared_at: now,
      shipped_at: null,
      delivered_at: null,
      returned_at: null,
      closed_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto("loan_accounts").values(upns.map((upn) => ({ loan_id: row.id, upn }))).execute();
  return row;
}

function loanChange(effect: string, input: TransitionInput, now: string): Updateable<LoansTable> | null {
  const close = (state: LoanRecordState) => ({ state, closed_at: now });
  switch (effect) {
    case "shipped":
      return { shipped_at: now };
    case "delivered":
      return { delivered_at: now };
    case "extended":
      return { expected_return: isoDate(input.expectedReturn!, "the expected return") };
    case "returned":
      return { ...close("returned"), returned_at: now };
    case "cancelled":
      return close("cancelled");
    case "lost":
      return close("lost");
    case "found":
      return { state: "returned", returned_at: now };
    default:
      return null;
  }
}

export function createLoanStore(ctx: StoreContext): LoanStore {
  return {
    async transition(request: LoanTransitionRequest, actor) {
      assertActor(actor);
      const { serial, action, expected } = request;
      const input = request.input ?? {};
      try {
        return await ctx.write(async (trx) => {
          const now = ctx.now();
          const device = await trx.selectFrom("devices").selectAll().where("serial", "=", serial).executeTakeFirst();
          if (!device) throw new StoreError("not-found", `no device with serial ${serial} in the fleet`);
          if (device.state !== expected.state || device.version !== expected.version) {
            throw new StoreError(
              "conflict",
              `device ${serial} is ${device.state} (version ${device.version}), not ${expected.state} (version ${expected.version}) as when it was read: someone else acted on it first; reload it and try again`,
            );
          }
          const loanBefore = await loanFor(trx, serial, action);
          const plan = planTransition(device.state as DeviceState, action, {
            now: new Date(now),
            input,
            loan: loanBefore ? { expectedReturn: loanBefore.expected_return } : null,
          });
          if (!plan.ok) throw new StoreError("invalid", `${action} ${serial}: ${plan.problems.map((p) => p.message).join("; ")}`);

          // The compare-and-set itself: matches no row if another transaction changed the device meanwhile.
          const updated = await trx
            .updateTable("devices")
            .set({ state: plan.to, version: device.version + 1, updated_at: now })
            .where("serial", "=", serial)
            .where("state", "=", expected.state)
            .where("version", "=", expected.version)
            .returningAll()
            .executeTakeFirst();
          if (!updated) {
            const current = await trx.selectFrom("devices").select("version").where("serial", "=", serial).executeTakeFirst();
            throw versionConflict(serial, expected.version, current?.version ?? expected.version);
          }

          let loanAfter: LoanRow | null = loanBefore;
          if (plan.loan === "open") {
            loanAfter = await openLoan(trx, serial, input, now);
          } else if (plan.loan !== "none") {
            if (!loanBefore) throw new Error(`device ${serial} is ${device.state} but has no ${action === "found" ? "lost" : "open"} loan: the store is inconsistent`);
            const change = loanChange(plan.loan, input, now);
            loanAfter = await trx
              .updateTable("loans")
              .set({ ...change, version: loanBefore.version + 1, updated_at: now })
              .where("id", "=", loanBefore.id)
              .where("version", "=", loanBefore.version)
              .returningAll()
              .executeTakeFirst() ?? null;
            if (!loanAfter) throw new StoreError("conflict", `loan ${loanBefore.id} of device ${serial} changed meanwhile; reload it and try again`);
          }
          const before = loanBefore ? (await withAccounts(trx, [loanBefore]))[0]! : null;
          const after = loanAfter ? (await withAccounts(trx, [loanAfter]))[0]! : null;
          const event = await appendEvent(trx, now, {
            actor,
            action: `loan.${action}`,
            subjectType: "device",
            subjectId: serial,
            before: { state: device.state, version: device.version, loan: plan.loan === "open" || plan.loan === "none" ? null : before },
            after: { state: updated.state, version: updated.version, loan: plan.loan === "none" ? null : after },
          });
          return { device: toDevice(updated), loan: plan.loan === "none" ? null : after, event };
        });
      } catch (error) {
        // The one-open-loan index is the last line of defence against a concurrent prepare: a conflict.
        if (classifyDriverError(error) === "unique") {
          throw new StoreError("conflict", `device ${serial} already has an open loan: someone else acted on it first; reload it and try again`, { cause: error });
        }
        throw toStoreError(error, { "foreign-key": `a client or account of this loan is not in the fleet store` });
      }
    },

    async get(id) {
      const row = await ctx.db.selectFrom("loans").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? (await withAccounts(ctx.db, [row]))[0]! : null;
    },

    async current(serial) {
      const row = await ctx.db.selectFrom("loans").selectAll().where("device_serial", "=", serial).where("state", "=", "open").executeTakeFirst();
      return row ? (await withAccounts(ctx.db, [row]))[0]! : null;
    },

    async list(query: LoanQuery = {}) {
      let q = ctx.db.selectFrom("loans").selectAll();
      if (query.serial) q = q.where("device_serial", "=", query.serial);
      if (query.clientId) q = q.where("client_id", "=", query.clientId);
      if (query.state) q = q.where("state", "=", query.state);
      if (query.dueBefore) q = q.where("state", "=", "open").where("expected_return", "<", isoDate(query.dueBefore, "dueBefore"));
      return withAccounts(ctx.db, await q.orderBy("id").execute());
    },
  };
}
