/** The tenant clock: real time plus a stored offset, always a date Graph can write. */
import { describe, expect, it } from "vitest";
import type { SimStore } from "./framework.ts";
import { createSimClock, isTenantTime } from "./clock.ts";

function memoryStore(): SimStore {
  const docs = new Map<string, object>();
  return {
    get: <T extends object>(kind: string, id: string) => docs.get(`${kind}/${id}`) as T | undefined,
    list: () => [],
    put: (kind, doc) => void docs.set(`${kind}/${doc.id}`, doc),
    delete: (kind, id) => docs.delete(`${kind}/${id}`),
    tx: (fn) => fn(),
  };
}

describe("createSimClock", () => {
  const real = Date.parse("2026-11-29T10:00:00Z");

  it("refuses to move outside 1970–9999, and keeps its time", () => {
    const clock = createSimClock(memoryStore(), () => real);
    expect(() => clock.advanceDays(2e8)).toThrow(RangeError);
    expect(() => clock.set(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => clock.set(new Date("0500-01-01T00:00:00Z"))).toThrow(RangeError);
    expect(clock.now().getTime()).toBe(real);
    clock.advanceDays(1);
    expect(clock.now().toISOString()).toBe("2026-11-30T10:00:00.000Z");
  });

  it.each([[1.7e16], [Number.NaN], [null], ["soon"]])("an invalid stored offset (%s, from an older version) is dropped at start", (offsetMs) => {
    const store = memoryStore();
    store.put("_sim", { id: "clock", offsetMs });
    const clock = createSimClock(store, () => real);
    expect(clock.now().getTime()).toBe(real);
    expect(store.get<{ offsetMs: number }>("_sim", "clock")?.offsetMs).toBe(0);
  });

  it("isTenantTime: 1970-01-01 to 9999-12-31", () => {
    expect(isTenantTime(0)).toBe(true);
    expect(isTenantTime(Date.parse("9999-12-31T23:59:59.999Z"))).toBe(true);
    expect(isTenantTime(Date.parse("9999-12-31T23:59:59.999Z") + 1)).toBe(false);
    expect(isTenantTime(-1)).toBe(false);
    expect(isTenantTime(Number.NaN)).toBe(false);
  });
});
