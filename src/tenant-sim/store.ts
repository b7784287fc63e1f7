/**
 * The local tenant's state: one SQLite table of JSON documents keyed by (kind, id), in WAL mode so
 * readers never block the writer and a crash loses nothing that was committed. `seq` keeps the
 * insertion order Graph collections are listed in. Everything is synchronous (better-sqlite3), so
 * a read-modify-write inside `tx` cannot interleave with another request.
 */
import Database from "better-sqlite3";
import type { SimStore } from "./framework.ts";

export interface SqliteSimStore extends SimStore {
  /** All kinds that hold at least one document (for `reset` checks and diagnostics). */
  kinds(): string[];
  /** Increases with every put, delete and clear (lets background work skip when nothing changed). */
  generation(): number;
  /** Deletes every document (the `reset` of `holofleet tenant local reset`). */
  clear(): void;
  close(): void;
}

/** Opens (or creates) the store; `file` may be `:memory:` for tests that need no persistence. */
export function openSimStore(file: string): SqliteSimStore {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commit).
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.exec(`CREATE TABLE IF NOT EXISTS docs (
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    doc  TEXT NOT NULL CHECK (json_valid(doc)),
    seq  INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS docs_kind_seq ON docs (kind, seq);
  CREATE INDEX IF NOT EXISTS docs_seq ON docs (seq);`);

  const getStmt = db.prepare<[string, string], { doc: string }>("SELECT doc FROM docs WHERE kind = ? AND id = ?");
  const listStmt = db.prepare<[string], { doc: string }>("SELECT doc FROM docs WHERE kind = ? ORDER BY seq");
  const nextSeqStmt = db.prepare<[], { next: number }>("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM docs");
  // A replaced document keeps its original position, as an updated Graph object does.
  const putStmt = db.prepare<[string, string, string, number]>(
    `INSERT INTO docs (kind, id, doc, seq) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc`,
  );
  const deleteStmt = db.prepare<[string, string]>("DELETE FROM docs WHERE kind = ? AND id = ?");
  const kindsStmt = db.prepare<[], { kind: string }>("SELECT DISTINCT kind FROM docs ORDER BY kind");

  let generation = 0;
  const put = db.transaction((kind: string, id: string, json: string) => {
    const { next } = nextSeqStmt.get() ?? { next: 1 };
    putStmt.run(kind, id, json, next);
  });

  return {
    get<T extends object>(kind: string, id: string): T | undefined {
      const row = getStmt.get(kind, id);
      return row ? (JSON.parse(row.doc) as T) : undefined;
    },
    list<T extends object>(kind: string): T[] {
      return listStmt.all(kind).map((row) => JSON.parse(row.doc) as T);
    },
    put<T extends { id: string }>(kind: string, doc: T): void {
      if (typeof doc.id !== "string" || doc.id === "") throw new Error(`store.put(${kind}): document has no id`);
      put(kind, doc.id, JSON.stringify(doc));
      generation++;
    },
    delete(kind: string, id: string): boolean {
      const deleted = deleteStmt.run(kind, id).changes > 0;
      if (deleted) generation++;
      return deleted;
    },
    tx<T>(fn: () => T): T {
      // better-sqlite3 turns a nested transaction into a savepoint, so handlers may nest freely.
      return db.transaction(fn)();
    },
    kinds(): string[] {
      return kindsStmt.all().map((row) => row.kind);
    },
    clear(): void {
      db.exec("DELETE FROM docs");
      generation++;
    },
    generation: () => generation,
    close(): void {
      db.close();
    },
  };
}
