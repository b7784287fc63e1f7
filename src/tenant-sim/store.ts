/**
 * The local tenant's state: one SQLite table of JSON documents keyed by (kind, id), in WAL mode so
 * readers never block the writer and a crash loses nothing that was committed. `seq` keeps the
 * insertion order Graph collections are listed in; `rev` is the store generation of a document's
 * last write, so background work can read only what changed. Everything is synchronous
 * (better-sqlite3), so a read-modify-write inside `tx` cannot interleave with another request.
 */
import Database from "better-sqlite3";
import type { SimStore } from "./framework.ts";

export interface SqliteSimStore extends SimStore {
  /** All kinds that hold at least one document (for `reset` checks and diagnostics). */
  kinds(): string[];
  /** The documents of `kind` with the given ids that exist, by id, read with one query. */
  getMany<T extends object>(kind: string, ids: readonly string[]): Map<string, T>;
  /** How many documents of `kind` there are, without reading them (the primary key serves it). */
  count(kind: string): number;
  /**
   * Every document of `kind` in insertion order, like `list`, but parsed once per store generation and shared by
   * every caller until the next write: the caller must not change them. For reads that page through a large
   * collection, where parsing it whole for every page would be most of the work.
   */
  listShared<T extends object>(kind: string): readonly Readonly<T>[];
  /**
   * Increases with every put, delete and clear, and with every rolled-back transaction, and never goes back (it
   * continues from the highest stored `rev` after a restart), so it doubles as the change sequence of
   * `changedSince` and anything cached for one generation is never served after the state changed.
   */
  generation(): number;
  /** Documents of `kind` written after store generation `after`, in write order. */
  changedSince<T extends object>(kind: string, after: number): T[];
  /** The generation of the last delete of a `kind` document (or of `clear`) in this process; 0 if none. */
  lastDeletion(kind: string): number;
  /**
   * Documents of `kind` whose top-level `field` equals `value`, ignoring ASCII letter case, in
   * insertion order. Served by a partial expression index on (kind, lower(field)), made on first use.
   */
  findByField<T extends object>(kind: string, field: string, value: string): T[];
  /**
   * Documents of `kind` whose top-level array `arrayField` holds `value` — or, with `elementField`,
   * holds an object whose `elementField` equals `value` — in insertion order.
   */
  findWithArrayElement<T extends object>(kind: string, arrayField: string, value: string, elementField?: string): T[];
  /** Deletes every document (the `reset` of `holofleet tenant local reset`). */
  clear(): void;
  close(): void;
}

/** Kinds and field names end up in SQL text (index definitions), so they must be plain identifiers. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkIdentifier(what: string, name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`store: ${what} '${name}' is not a plain identifier`);
  return name;
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
  // State files written before `rev` existed get the column; their documents count as written at 0.
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('docs')").all();
  if (!columns.some((c) => c.name === "rev")) db.exec("ALTER TABLE docs ADD COLUMN rev INTEGER NOT NULL DEFAULT 0");
  db.exec("CREATE INDEX IF NOT EXISTS docs_kind_rev ON docs (kind, rev)");

  const getStmt = db.prepare<[string, string], { doc: string }>("SELECT doc FROM docs WHERE kind = ? AND id = ?");
  const getManyStmt = db.prepare<[string, string], { id: string; doc: string }>("SELECT id, doc FROM docs WHERE kind = ? AND id IN (SELECT value FROM json_each(?))");
  const listStmt = db.prepare<[string], { doc: string }>("SELECT doc FROM docs WHERE kind = ? ORDER BY seq");
  const changedStmt = db.prepare<[string, number], { doc: string }>("SELECT doc FROM docs WHERE kind = ? AND rev > ? ORDER BY rev");
  const nextSeqStmt = db.prepare<[], { next: number }>("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM docs");
  const maxRevStmt = db.prepare<[], { rev: number }>("SELECT COALESCE(MAX(rev), 0) AS rev FROM docs");
  // A replaced document keeps its original position, as an updated Graph object does.
  const putStmt = db.prepare<[string, string, string, number, number]>(
    `INSERT INTO docs (kind, id, doc, seq, rev) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (kind, id) DO UPDATE SET doc = excluded.doc, rev = excluded.rev`,
  );
  const deleteStmt = db.prepare<[string, string]>("DELETE FROM docs WHERE kind = ? AND id = ?");
  const kindsStmt = db.prepare<[], { kind: string }>("SELECT DISTINCT kind FROM docs ORDER BY kind");
  const countStmt = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM docs WHERE kind = ?");
  const elementStmt = db.prepare<[string, string, string], { doc: string }>(
    "SELECT d.doc FROM docs d WHERE d.kind = ? AND EXISTS (SELECT 1 FROM json_each(d.doc, ?) j WHERE j.value = ?) ORDER BY d.seq",
  );
  const elementFieldStmt = db.prepare<[string, string, string, string], { doc: string }>(
    "SELECT d.doc FROM docs d WHERE d.kind = ? AND EXISTS (SELECT 1 FROM json_each(d.doc, ?) j WHERE json_extract(j.value, ?) = ?) ORDER BY d.seq",
  );

  let generation = maxRevStmt.get()?.rev ?? 0;
  let clearedAt = 0;
  const deletedAt = new Map<string, number>();
  const put = db.transaction((kind: string, id: string, json: string, rev: number) => {
    const { next } = nextSeqStmt.get() ?? { next: 1 };
    putStmt.run(kind, id, json, next, rev);
  });

  // Index DDL inside a transaction would vanish with a rollback, so indexes asked for while a
  // transaction is open are made right after the outermost one ends.
  const indexed = new Set<string>();
  const pendingIndexes = new Map<string, string>();
  const byFieldStmts = new Map<string, ReturnType<typeof db.prepare<[string], { doc: string }>>>();
  const createPendingIndexes = () => {
    for (const [name, ddl] of pendingIndexes) {
      db.exec(ddl);
      indexed.add(name);
    }
    pendingIndexes.clear();
  };
  const byFieldStatement = (kind: string, field: string) => {
    const name = `docs_${checkIdentifier("kind", kind)}_${checkIdentifier("field", field)}`;
    let stmt = byFieldStmts.get(name);
    // Literal kind and path, so SQLite can match the query to the partial expression index.
    const expr = `lower(json_extract(doc, '$.${field}'))`;
    if (!indexed.has(name)) {
      pendingIndexes.set(name, `CREATE INDEX IF NOT EXISTS ${name} ON docs (${expr}) WHERE kind = '${kind}'`);
      // SQLite re-plans prepared statements after a schema change, so they pick the index up.
      if (!db.inTransaction) createPendingIndexes();
    }
    if (!stmt) {
      stmt = db.prepare<[string], { doc: string }>(`SELECT doc FROM docs WHERE kind = '${kind}' AND ${expr} = lower(?) ORDER BY seq`);
      byFieldStmts.set(name, stmt);
    }
    return stmt;
  };
  const parseAll = <T>(rows: { doc: string }[]): T[] => rows.map((row) => JSON.parse(row.doc) as T);
  // Per kind, what was read at one generation (listShared, count); a later generation makes it stale.
  const sharedLists = new Map<string, { generation: number; docs: readonly object[] }>();
  const counts = new Map<string, { generation: number; n: number }>();

  return {
    get<T extends object>(kind: string, id: string): T | undefined {
      const row = getStmt.get(kind, id);
      return row ? (JSON.parse(row.doc) as T) : undefined;
    },
    getMany<T extends object>(kind: string, ids: readonly string[]): Map<string, T> {
      const out = new Map<string, T>();
      if (ids.length === 0) return out;
      for (const row of getManyStmt.all(kind, JSON.stringify(ids))) out.set(row.id, JSON.parse(row.doc) as T);
      return out;
    },
    list<T extends object>(kind: string): T[] {
      return parseAll<T>(listStmt.all(kind));
    },
    listShared<T extends object>(kind: string): readonly Readonly<T>[] {
      const cached = sharedLists.get(kind);
      if (cached && cached.generation === generation) return cached.docs as readonly T[];
      const docs = parseAll<T>(listStmt.all(kind));
      sharedLists.set(kind, { generation, docs });
      return docs;
    },
    put<T extends { id: string }>(kind: string, doc: T): void {
      if (typeof doc.id !== "string" || doc.id === "") throw new Error(`store.put(${kind}): document has no id`);
      put(kind, doc.id, JSON.stringify(doc), ++generation);
    },
    delete(kind: string, id: string): boolean {
      const deleted = deleteStmt.run(kind, id).changes > 0;
      if (deleted) deletedAt.set(kind, ++generation);
      return deleted;
    },
    tx<T>(fn: () => T): T {
      // better-sqlite3 turns a nested transaction into a savepoint, so handlers may nest freely.
      try {
        return db.transaction(fn)();
      } catch (err) {
        // The writes are undone but the generation they took stays: a new one marks the state as changed again.
        ++generation;
        throw err;
      } finally {
        if (!db.inTransaction && pendingIndexes.size) createPendingIndexes();
      }
    },
    kinds(): string[] {
      return kindsStmt.all().map((row) => row.kind);
    },
    count(kind: string): number {
      // The throttling policy asks on every request; the count only changes with the generation.
      const cached = counts.get(kind);
      if (cached && cached.generation === generation) return cached.n;
      const n = countStmt.get(kind)?.n ?? 0;
      counts.set(kind, { generation, n });
      return n;
    },
    changedSince<T extends object>(kind: string, after: number): T[] {
      return parseAll<T>(changedStmt.all(kind, after));
    },
    lastDeletion(kind: string): number {
      return Math.max(deletedAt.get(kind) ?? 0, clearedAt);
    },
    findByField<T extends object>(kind: string, field: string, value: string): T[] {
      return parseAll<T>(byFieldStatement(kind, field).all(value));
    },
    findWithArrayElement<T extends object>(kind: string, arrayField: string, value: string, elementField?: string): T[] {
      const path = `$.${checkIdentifier("field", arrayField)}`;
      const rows =
        elementField === undefined
          ? elementStmt.all(kind, path, value)
          : elementFieldStmt.all(kind, path, `$.${checkIdentifier("field", elementField)}`, value);
      return parseAll<T>(rows);
    },
    clear(): void {
      db.exec("DELETE FROM docs");
      clearedAt = ++generation;
    },
    generation: () => generation,
    close(): void {
      db.close();
    },
  };
}

/**
 * The query extensions of the store behind a `SimStore` (handlers and tickers see the framework's
 * interface; every store the local tenant hands them is an SQLite one).
 */
export function sqliteStoreOf(store: SimStore): SqliteSimStore {
  const candidate = store as Partial<SqliteSimStore>;
  if (typeof candidate.findByField !== "function" || typeof candidate.changedSince !== "function") {
    throw new Error("The directory needs the local tenant's SQLite store (openSimStore).");
  }
  return store as SqliteSimStore;
}
