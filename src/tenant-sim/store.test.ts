import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { openSimStore, sqliteStoreOf } from "./store.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), "simstore-"));
  dirs.push(d);
  return join(d, "state.db");
};

/** How SQLite, on a second connection, would answer the store's by-field lookup. */
function queryPlan(file: string, kind: string, field: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const sql = `EXPLAIN QUERY PLAN SELECT doc FROM docs WHERE kind = '${kind}' AND lower(json_extract(doc, '$.${field}')) = lower(?) ORDER BY seq`;
    return JSON.stringify(db.prepare(sql).all("x"));
  } finally {
    db.close();
  }
}

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

  it("counts documents per kind without reading them", () => {
    const s = openSimStore(":memory:");
    expect(s.count("users")).toBe(0);
    s.put("users", { id: "a" });
    s.put("users", { id: "b" });
    s.put("groups", { id: "a" });
    s.put("users", { id: "a", n: 2 });
    expect(s.count("users")).toBe(2);
    s.delete("users", "a");
    expect(s.count("users")).toBe(1);
    expect(s.count("groups")).toBe(1);
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

  it("listShared parses a kind once per generation → the same documents until a write, then the new state", () => {
    const s = openSimStore(":memory:");
    s.put("users", { id: "a", n: 1 });
    s.put("users", { id: "b", n: 2 });
    const first = s.listShared<{ id: string; n: number }>("users");
    expect(first).toEqual([{ id: "a", n: 1 }, { id: "b", n: 2 }]);
    expect(s.listShared("users")).toBe(first);
    s.put("groups", { id: "g" });
    expect(s.listShared("users")).not.toBe(first);
    s.put("users", { id: "a", n: 3 });
    expect(s.listShared("users")).toEqual([{ id: "a", n: 3 }, { id: "b", n: 2 }]);
    s.delete("users", "b");
    expect(s.listShared("users")).toEqual([{ id: "a", n: 3 }]);
    s.close();
  });

  it("a write read inside a transaction that rolls back → listShared and count answer the state after the rollback", () => {
    const s = openSimStore(":memory:");
    s.put("users", { id: "a" });
    expect(() =>
      s.tx(() => {
        s.put("users", { id: "b" });
        expect(s.listShared("users")).toHaveLength(2);
        expect(s.count("users")).toBe(2);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(s.listShared("users")).toEqual([{ id: "a" }]);
    expect(s.count("users")).toBe(1);
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

  it("changedSince returns what was written after a generation, once per document, in write order", () => {
    const s = openSimStore(":memory:");
    s.put("groups", { id: "a", n: 1 });
    const mark = s.generation();
    s.put("groups", { id: "b", n: 2 });
    s.put("users", { id: "u", n: 3 });
    s.put("groups", { id: "a", n: 4 });
    s.put("groups", { id: "b", n: 5 });
    expect(s.changedSince("groups", mark)).toEqual([{ id: "a", n: 4 }, { id: "b", n: 5 }]);
    expect(s.changedSince("groups", s.generation())).toEqual([]);
    expect(s.changedSince("users", -1)).toEqual([{ id: "u", n: 3 }]);
    // Insertion order (seq) is untouched by rewrites.
    expect(s.list("groups")).toEqual([{ id: "a", n: 4 }, { id: "b", n: 5 }]);
    s.close();
  });

  it("lastDeletion follows deletes per kind and clear for every kind", () => {
    const s = openSimStore(":memory:");
    s.put("devices", { id: "d" });
    s.put("users", { id: "u" });
    expect(s.lastDeletion("devices")).toBe(0);
    s.delete("devices", "d");
    const deleted = s.generation();
    expect(s.lastDeletion("devices")).toBe(deleted);
    expect(s.lastDeletion("users")).toBe(0);
    expect(s.delete("devices", "d")).toBe(false);
    expect(s.lastDeletion("devices")).toBe(deleted);
    s.clear();
    expect(s.lastDeletion("users")).toBe(s.generation());
    s.close();
  });

  it("the generation continues from the stored revisions after a reopen", () => {
    const file = tempFile();
    const a = openSimStore(file);
    a.put("groups", { id: "a" });
    a.put("groups", { id: "b" });
    const mark = a.generation();
    a.close();
    const b = openSimStore(file);
    expect(b.generation()).toBe(mark);
    b.put("groups", { id: "c" });
    expect(b.changedSince("groups", mark)).toEqual([{ id: "c" }]);
    b.close();
  });

  it("findByField matches ignoring ASCII case, in insertion order, through a partial index", () => {
    const file = tempFile();
    const s = openSimStore(file);
    s.put("users", { id: "1", userPrincipalName: "Ada@Contoso.example" });
    s.put("users", { id: "2", userPrincipalName: "grace@contoso.example" });
    s.put("groups", { id: "3", userPrincipalName: "ada@contoso.example" });
    s.put("users", { id: "4", userPrincipalName: "ADA@contoso.example" });
    expect(s.findByField<{ id: string }>("users", "userPrincipalName", "ada@CONTOSO.example").map((u) => u.id)).toEqual(["1", "4"]);
    expect(s.findByField("users", "userPrincipalName", "nobody@contoso.example")).toEqual([]);
    expect(s.findByField("users", "missingField", "x")).toEqual([]);
    expect(queryPlan(file, "users", "userPrincipalName")).toContain("docs_users_userPrincipalName");
    expect(() => s.findByField("users", "x'); DROP TABLE docs; --", "v")).toThrow(/plain identifier/);
    s.close();
  });

  it("an index first asked for inside a transaction that rolls back is still made", () => {
    const file = tempFile();
    const s = openSimStore(file);
    s.put("groups", { id: "1", uniqueName: "HL2-ClientA" });
    expect(() =>
      s.tx(() => {
        expect(s.findByField<{ id: string }>("groups", "uniqueName", "hl2-clienta").map((g) => g.id)).toEqual(["1"]);
        throw new Error("rolled back");
      }),
    ).toThrow("rolled back");
    expect(queryPlan(file, "groups", "uniqueName")).toContain("docs_groups_uniqueName");
    s.close();
  });

  it("findWithArrayElement finds documents by a value in an array, or by a field of an object in it", () => {
    const s = openSimStore(":memory:");
    s.put("groups", { id: "g1", _members: ["u1", "u2"] });
    s.put("groups", { id: "g2", _members: ["u2"] });
    s.put("groups", { id: "g3" });
    s.put("users", { id: "u1", licenseAssignmentStates: [{ skuId: "s", assignedByGroup: "g1" }, { skuId: "t", assignedByGroup: null }] });
    s.put("users", { id: "u2", licenseAssignmentStates: [{ skuId: "s", assignedByGroup: null }] });
    const ids = (docs: { id: string }[]) => docs.map((d) => d.id);
    expect(ids(s.findWithArrayElement("groups", "_members", "u2"))).toEqual(["g1", "g2"]);
    expect(ids(s.findWithArrayElement("groups", "_members", "u3"))).toEqual([]);
    expect(ids(s.findWithArrayElement("users", "licenseAssignmentStates", "g1", "assignedByGroup"))).toEqual(["u1"]);
    s.close();
  });

  it("a state file from before the rev column opens, keeps its documents and tracks changes from then on", () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec(`CREATE TABLE docs (kind TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL CHECK (json_valid(doc)), seq INTEGER NOT NULL, PRIMARY KEY (kind, id)) WITHOUT ROWID;
      INSERT INTO docs VALUES ('groups', 'a', '{"id":"a"}', 1);`);
    old.close();
    const s = openSimStore(file);
    expect(s.generation()).toBe(0);
    expect(s.changedSince("groups", -1)).toEqual([{ id: "a" }]);
    s.put("groups", { id: "b" });
    expect(s.changedSince("groups", 0)).toEqual([{ id: "b" }]);
    expect(s.list("groups")).toEqual([{ id: "a" }, { id: "b" }]);
    s.close();
  });

  it("sqliteStoreOf hands back the store's query extensions, and refuses a store without them", () => {
    const s = openSimStore(":memory:");
    expect(sqliteStoreOf(s)).toBe(s);
    const foreign = { get: () => undefined, list: () => [], put: () => undefined, delete: () => false, tx: <T>(fn: () => T) => fn() };
    expect(() => sqliteStoreOf(foreign)).toThrow(/SQLite store/);
    s.close();
  });
});

