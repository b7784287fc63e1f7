/**
 * Turns what better-sqlite3 and pg throw into StoreErrors. Both report constraint failures by code
 * (SQLite extended result codes, PostgreSQL SQLSTATE), so one table serves both stores. An error that
 * is none of these is a bug and is rethrown unchanged.
 */
import { StoreError, type StoreErrorKind } from "./store-error.ts";

export type DriverErrorClass = "unique" | "foreign-key" | "check" | "not-null" | "append-only" | "busy" | "connection";

const SQLITE: Record<string, DriverErrorClass> = {
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_FOREIGNKEY: "foreign-key",
  SQLITE_CONSTRAINT_CHECK: "check",
  SQLITE_CONSTRAINT_NOTNULL: "not-null",
  // `raise(abort, …)` in the append-only triggers.
  SQLITE_CONSTRAINT_TRIGGER: "append-only",
  SQLITE_BUSY: "busy",
  SQLITE_BUSY_SNAPSHOT: "busy",
  SQLITE_LOCKED: "busy",
  SQLITE_CANTOPEN: "connection",
  SQLITE_READONLY: "connection",
};

// https://www.postgresql.org/docs/current/errcodes-appendix.html
const POSTGRES: Record<string, DriverErrorClass> = {
  "23505": "unique",
  "23503": "foreign-key",
  "23514": "check",
  "23502": "not-null",
  // integrity_constraint_violation, raised by holofleet_append_only().
  "23000": "append-only",
  "40001": "busy",
  "40P01": "busy",
  "55P03": "busy",
  "08000": "connection",
  "08001": "connection",
  "08003": "connection",
  "08006": "connection",
  "28000": "connection",
  "28P01": "connection",
  "3D000": "connection",
  "57P01": "connection",
  "57P03": "connection",
};

const NODE_NETWORK = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EHOSTUNREACH", "EPIPE"]);

export function classifyDriverError(error: unknown): DriverErrorClass | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return null;
  return SQLITE[code] ?? POSTGRES[code] ?? (NODE_NETWORK.has(code) ? "connection" : null);
}

const KIND: Record<DriverErrorClass, StoreErrorKind> = {
  unique: "duplicate",
  "foreign-key": "not-found",
  check: "invalid",
  "not-null": "invalid",
  "append-only": "invalid",
  busy: "unavailable",
  connection: "unavailable",
};

const DEFAULT_MESSAGE: Record<DriverErrorClass, string> = {
  unique: "the record already exists",
  "foreign-key": "a record it refers to does not exist",
  check: "a value is outside the set the fleet store allows",
  "not-null": "a required value is missing",
  "append-only": "the event log and password rotations are append-only: their rows cannot be changed or removed",
  busy: "the database is busy (another process held the write lock too long); try again",
  connection: "the database cannot be reached",
};

/**
 * The StoreError for a driver error, with a message for the caller's situation (`messages`) or a
 * generic one; StoreErrors pass through; anything else (a bug) is returned as it is, to be rethrown.
 */
export function toStoreError(error: unknown, messages: Partial<Record<DriverErrorClass, string>> = {}): unknown {
  if (error instanceof StoreError) return error;
  const cls = classifyDriverError(error);
  if (cls === null) return error;
  const detail = cls === "connection" || cls === "busy" ? `: ${(error as Error).message}` : "";
  return new StoreError(KIND[cls], (messages[cls] ?? DEFAULT_MESSAGE[cls]) + detail, { cause: error });
}
