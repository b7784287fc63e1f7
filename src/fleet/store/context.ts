/**
 * What every part of the store shares: the database, how to run a write transaction (the one thing
 * SQLite and PostgreSQL do differently), the clock, and the event writer every write goes through.
 */
import type { Kysely } from "kysely";
import type { Actor, FleetEvent, NewFleetEvent } from "./port.ts";
import { toEvent } from "./rows.ts";
import type { FleetDatabase } from "./schema.ts";
import { StoreError } from "./store-error.ts";

export type FleetDb = Kysely<FleetDatabase>;

export interface StoreContext {
  readonly kind: "sqlite" | "postgres";
  readonly db: FleetDb;
  /** Runs `fn` in a write transaction: all of it commits, or none of it (BEGIN IMMEDIATE on SQLite). */
  write<T>(fn: (trx: FleetDb) => Promise<T>): Promise<T>;
  /** Now, as the store records it (ISO 8601 UTC); tests pass a clock. */
  now(): string;
}

/** Keys that name a secret; an event holding one is refused, so no password or token reaches the log. */
const SECRET_KEYS = new Set(["password", "passwordhash", "passwordprofile", "newpassword", "secret", "clientsecret", "token", "tokenhash", "accesstoken", "refreshtoken", "idtoken"]);

function assertNoSecretKeys(value: unknown, action: string): void {
  if (Array.isArray(value)) return value.forEach((v) => assertNoSecretKeys(v, action));
  if (typeof value !== "object" || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(key.toLowerCase().replace(/[^a-z]/g, ""))) {
      throw new StoreError("invalid", `event ${action}: the key \`${key}\` names a secret, and the event log never holds one`);
    }
    assertNoSecretKeys(v, action);
  }
}

export function assertActor(actor: Actor): void {
  if (typeof actor !== "string" || actor.trim() === "" || actor.length > 200) {
    throw new StoreError("invalid", "every change needs the name of who made it (1–200 characters)");
  }
}

function eventRow(at: string, event: NewFleetEvent) {
  assertActor(event.actor);
  if (!event.action || !event.subjectType || !event.subjectId) throw new StoreError("invalid", "an event needs an action, a subject type and a subject id");
  assertNoSecretKeys(event.before, event.action);
  assertNoSecretKeys(event.after, event.action);
  return {
    at,
    actor: event.actor,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    before_json: event.before === undefined || event.before === null ? null : JSON.stringify(event.before),
    after_json: event.after === undefined || event.after === null ? null : JSON.stringify(event.after),
  };
}

/** Appends one event inside the caller's transaction. */
export async function appendEvent(trx: FleetDb, at: string, event: NewFleetEvent): Promise<FleetEvent> {
  return toEvent(await trx.insertInto("events").values(eventRow(at, event)).returningAll().executeTakeFirstOrThrow());
}

/** Appends many events inside the caller's transaction, a few statements instead of one each (bulk imports). */
export async function appendEvents(trx: FleetDb, at: string, events: readonly NewFleetEvent[]): Promise<void> {
  const rows = events.map((e) => eventRow(at, e));
  for (const part of chunks(rows, 100)) await trx.insertInto("events").values(part).execute();
}

/** Splits a list into chunks that keep one statement's bound parameters under every driver's limit. */
export function chunks<T>(items: readonly T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
