import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSimStore } from "./store.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), "simstore-"));
  dirs.push(d);
  return join(d, "state.db");
};

describe("openSimStore", () => {
  it("keeps documents per kind in insertion order; a replace keeps the position", () => {
    const s = openSimStore(":memory:");
    s.put("users", { id: "b", n: 1 });
    s.put("users", { id: "a", n: 2 });
    s.put("groups", { id: "a", n: 3 });
    s.put("users", { id: "b", n: 4 });
    expect(s.list("users")).toEqual([{ id: "b", n: 4 }, { id: "a", n: 2 }]);
    expect(s.get("groups", "a")).toEqual({ id: "a", n: 3 });
    expect(s.get("groups", "b")).toBeUndefined();
    expect(s.kinds()).toEqual(["groups", "users"]);
    expect(s.delete("users", "b")).toBe(true);
    expect(s.delete("users", "b")).toBe(false);
    s.close();
  });

  it("rolls a transaction back when it throws", () => {
    const s = openSimStore(":memory:");
    s.put("users", { id: "a", n: 1 });
    expect(() =>
      s.tx(() => {
        s.put("users", { id: "a", n: 2 });
        s.put("users", { id: "c", n: 3 });
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(s.list("users")).toEqual([{ id: "a", n: 1 }]);
    expect(s.tx(() => s.tx(() => 42))).toBe(42);
    s.close();
  });

  it("refuses documents without an id", () => {
    const s = openSimStore(":memory:");
    expect(() => s.put("users", { id: "" })).toThrow(/no id/);
    s.close();
  });

  it("survives closing and reopening (WAL on disk)", () => {
    const file = tempFile();
    const a = openSimStore(file);
    a.put("users", { id: "x", name: "Ada" });
    a.close();
    const b = openSimStore(file);
    expect(b.get("users", "x")).toEqual({ id: "x", name: "Ada" });
    b.clear();
    expect(b.list("users")).toEqual([]);
    b.close();
  });
});
