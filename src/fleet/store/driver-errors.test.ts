import { describe, expect, it } from "vitest";
import { classifyDriverError, toStoreError } from "./driver-errors.ts";
import { StoreError } from "./store-error.ts";

const driverError = (code: string, message = "driver says no") => Object.assign(new Error(message), { code });

describe("driver errors", () => {
  it.each([
    ["SQLITE_CONSTRAINT_UNIQUE", "unique", "duplicate"],
    ["SQLITE_CONSTRAINT_FOREIGNKEY", "foreign-key", "not-found"],
    ["SQLITE_CONSTRAINT_TRIGGER", "append-only", "invalid"],
    ["SQLITE_BUSY", "busy", "unavailable"],
    ["23505", "unique", "duplicate"],
    ["23503", "foreign-key", "not-found"],
    ["23514", "check", "invalid"],
    ["28P01", "connection", "unavailable"],
    ["ECONNREFUSED", "connection", "unavailable"],
  ])("%s → %s → StoreError %s", (code, cls, kind) => {
    expect(classifyDriverError(driverError(code))).toBe(cls);
    const converted = toStoreError(driverError(code));
    expect(converted).toBeInstanceOf(StoreError);
    expect((converted as StoreError).kind).toBe(kind);
  });

  it("a message for the situation → used; a StoreError → passed through; anything else (a bug) → unchanged", () => {
    expect((toStoreError(driverError("23505"), { unique: "device X exists" }) as Error).message).toBe("device X exists");
    const mine = new StoreError("conflict", "c");
    expect(toStoreError(mine)).toBe(mine);
    const bug = new TypeError("x is undefined");
    expect(toStoreError(bug)).toBe(bug);
    expect(toStoreError(driverError("XX000"))).not.toBeInstanceOf(StoreError);
  });
});
