/** The event log: append and read, nothing else (the databases refuse changes too, see the migration). */
import { appendEvent, type StoreContext } from "./context.ts";
import type { EventLog, EventQuery } from "./port.ts";
import { toEvent } from "./rows.ts";

const MAX_EVENTS = 10_000;

export function createEventLog(ctx: StoreContext): EventLog {
  return {
    append(event) {
      return ctx.write((trx) => appendEvent(trx, ctx.now(), event));
    },

    async list(query: EventQuery = {}) {
      let q = ctx.db.selectFrom("events").selectAll();
      if (query.subjectType) q = q.where("subject_type", "=", query.subjectType);
      if (query.subjectId) q = q.where("subject_id", "=", query.subjectId);
      if (query.action) q = q.where("action", "=", query.action);
      if (query.afterId !== undefined) q = q.where("id", ">", query.afterId);
      const limit = Math.min(Math.max(query.limit ?? 1000, 1), MAX_EVENTS);
      return (await q.orderBy("id", query.newestFirst ? "desc" : "asc").limit(limit).execute()).map(toEvent);
    },
  };
}
