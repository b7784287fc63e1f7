/**
 * Password rotations: who rotated which account's password, when and why. Never the password: the
 * table has no column for it, `reason` is a closed set, and `record` copies only the fields it knows,
 * so a password passed by mistake is dropped rather than stored.
 */
import { ROTATION_REASONS } from "../loan-state.ts";
import { appendEvent, assertActor, chunks, type StoreContext } from "./context.ts";
import { toStoreError } from "./driver-errors.ts";
import type { NewPasswordRotation, PasswordRotationStore } from "./port.ts";
import { toRotation } from "./rows.ts";
import { StoreError } from "./store-error.ts";

export function createPasswordRotationStore(ctx: StoreContext): PasswordRotationStore {
  return {
    async record(rotation: NewPasswordRotation, actor) {
      assertActor(actor);
      const { upn, reason } = rotation;
      const loanId = rotation.loanId ?? null;
      if (!(ROTATION_REASONS as readonly string[]).includes(reason)) {
        throw new StoreError("invalid", `a rotation's reason is one of ${ROTATION_REASONS.join(", ")}`);
      }
      try {
        return await ctx.write(async (trx) => {
          const now = ctx.now();
          const row = await trx.insertInto("password_rotations").values({ upn, rotated_at: now, rotated_by: actor, reason, loan_id: loanId }).returningAll().executeTakeFirstOrThrow();
          await appendEvent(trx, now, { actor, action: "password.rotated", subjectType: "account", subjectId: upn, after: { reason, loanId } });
          return toRotation(row);
        });
      } catch (error) {
        throw toStoreError(error, { "foreign-key": `no account ${upn}${loanId === null ? "" : ` or loan ${loanId}`} in the fleet store` });
      }
    },

    async list(query = {}) {
      let q = ctx.db.selectFrom("password_rotations").selectAll();
      if (query.upn) q = q.where("upn", "=", query.upn);
      return (await q.orderBy("id").execute()).map(toRotation);
    },

    async lastRotatedAt(upns) {
      const last = new Map<string, string>();
      for (const part of chunks([...new Set(upns)])) {
        const rows = await ctx.db
          .selectFrom("password_rotations")
          .select((eb) => ["upn", eb.fn.max("rotated_at").as("last")])
          .where("upn", "in", part)
          .groupBy("upn")
          .execute();
        for (const r of rows) last.set(r.upn, r.last);
      }
      return last;
    },
  };
}
