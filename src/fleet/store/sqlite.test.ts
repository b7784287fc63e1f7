import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteFleetStore, openSqliteFleetStoreOn } from "./sqlite.ts";
import { fleetStoreContract, type StoreUnderTest } from "./store.contract.ts";
import { isStoreError } from "./store-error.ts";

const dir = mkdtempSync(join(tmpdir(), "holofleet-fleet-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Every row of every table of an open handle, as JSON. */
function dumpTables(db: Database.Database): string {
  const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  return tables.map(({ name }) => JSON.stringify(db.prepare(`select * from "${name}"`).all())).join("\n");
}

function rawAccess(file: string) {
  return {
    async dump() {
      const db = new Database(file, { readonly: true });
      try {
        const files = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString("latin1"));
        return [dumpTables(db), ...files].join("\n");
      } finally {
        db.close();
      }
    },
    async rawSql(statement: string) {
      const db = new Database(file);
      try {
        return db.prepare(statement).run();
      } finally {
        db.close();
      }
    },
    async columns(table: string) {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name).sort();
      } finally {
        db.close();
      }
    },
  };
}

fleetStoreContract({
  name: "SQLite file (WAL, two connections for the races)",
  async fresh(clock): Promise<StoreUnderTest> {
    const file = join(dir, `fleet-${++files}.sqlite`);
    const store = await openSqliteFleetStore({ file, clock });
    return { store, openPeer: () => openSqliteFleetStore({ file, clock }), ...rawAccess(file), dispose: () => store.close() };
  },
});

fleetStoreContract({
  name: "SQLite :memory:",
  async fresh(clock): Promise<StoreUnderTest> {
    const database = new Database(":memory:");
    const store = await openSqliteFleetStoreOn(database, { clock });
    return {
      store,
      rawSql: async (statement) => database.prepare(statement).run(),
      columns: async (table) => (database.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name).sort(),
      dump: async () => dumpTables(database),
      dispose: () => store.close(),
    };
  },
});

/** Runs transition-process.ts: resolves with `ready` once it has read the device, then with its outcome after `go`. */
function operatorProcess(file: string, request: object, actor: string) {
  const script = fileURLToPath(new URL("./testing/transition-process.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, file, JSON.stringify(request), actor], { stdio: ["pipe", "pipe", "inherit"] });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    let i;
    while ((i = buffer.indexOf("\n")) >= 0) {
      lines.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
      waiters.splice(0).forEach((w) => w());
    }
  });
  const nthLine = async (n: number) => {
    while (lines.length <= n) await new Promise<void>((resolve) => waiters.push(resolve));
    return lines[n]!;
  };
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    ready: () => nthLine(0),
    go: () => child.stdin.write("go\n"),
    outcome: async () => JSON.parse(await nthLine(1)) as { ok: boolean; kind?: string; message?: string },
    exited,
  };
}

describe("SQLite file specifics", () => {
  it("a new path → its directory is created, the file is in WAL mode with foreign keys on", async () => {
    const file = join(dir, "nested", "deeper", "fleet.sqlite");
    const store = await openSqliteFleetStore({ file });
    await store.close();
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("reopened → data kept, migrations not run again", async () => {
    const file = join(dir, `fleet-${++files}.sqlite`);
    const first = await openSqliteFleetStore({ file });
    await first.devices.add([{ serial: "HL2-1" }], "cli:alice");
    await first.close();
    const second = await openSqliteFleetStore({ file });
    expect(await second.devices.get("HL2-1")).toMatchObject({ state: "in-stock" });
    await second.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare("select name from kysely_migration").all()).toEqual([{ name: "0001-fleet-tables" }, { name: "0002-hardware-hash-index" }, { name: "0003-console-session-viewer" }, { name: "0004-console-list-indexes" }]);
    db.close();
  });

  it("a database migrated by a newer holofleet → a migration error that says so, not a crash", async () => {
    const file = join(dir, `fleet-${++files}.sqlite`);
    await (await openSqliteFleetStore({ file })).close();
    const db = new Database(file);
    db.prepare("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')").run();
    db.close();
    const error = await openSqliteFleetStore({ file }).catch((e: unknown) => e);
    expect(isStoreError(error, "migration"), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/newer holofleet/);
  });

  it("a path that cannot be a database (a directory) → unavailable, with the path", async () => {
    const error = await openSqliteFleetStore({ file: dir }).catch((e: unknown) => e);
    expect(isStoreError(error, "unavailable"), String(error)).toBe(true);
    expect((error as Error).message).toContain(dir);
  });

  it("another process holds the write lock past the busy timeout → unavailable, and nothing is written", async () => {
    const file = join(dir, `fleet-${++files}.sqlite`);
    const store = await openSqliteFleetStore({ file, busyTimeoutMs: 50 });
    const holder = new Database(file);
    holder.exec("BEGIN IMMEDIATE");
    try {
      const error = await store.devices.add([{ serial: "HL2-1" }], "cli:alice").catch((e: unknown) => e);
      expect(isStoreError(error, "unavailable"), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/busy/);
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
    }
    expect(await store.devices.get("HL2-1")).toBeNull();
    // The lock is free again: the same write now succeeds.
    await store.devices.add([{ serial: "HL2-1" }], "cli:alice");
    await store.close();
  });

  it("two operators in two processes ship one device at once → exactly one wins, the other gets a conflict", async () => {
    const file = join(dir, `fleet-${++files}.sqlite`);
    const store = await openSqliteFleetStore({ file });
    await store.clients.put({ id: "fabrikam", displayName: "Fabrikam" }, "cli:setup");
    await store.accounts.put({ upn: "op@contoso.com", clientId: "fabrikam" }, "cli:setup");
    await store.devices.add([{ serial: "HL2-1" }], "cli:setup");
    await store.loans.transition(
      { serial: "HL2-1", action: "prepare", expected: { state: "in-stock", version: 1 }, input: { clientId: "fabrikam", accountUpns: ["op@contoso.com"], expectedReturn: "2099-01-01" } },
      "cli:setup",
    );
    const ship = { serial: "HL2-1", action: "ship" };
    const operators = [operatorProcess(file, ship, "cli:alice"), operatorProcess(file, ship, "cli:bob")];
    // Both have read the device (version 2) before either acts.
    expect(await Promise.all(operators.map((o) => o.ready()))).toEqual(["ready 2", "ready 2"]);
    operators.forEach((o) => o.go());
    const outcomes = await Promise.all(operators.map((o) => o.outcome()));
    await Promise.all(operators.map((o) => o.exited));
    expect(outcomes.filter((o) => o.ok)).toEqual([{ ok: true, version: 3 }]);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, kind: "conflict", message: expect.stringMatching(/someone else acted on it first/) }]);
    expect(await store.devices.get("HL2-1")).toMatchObject({ state: "shipped", version: 3 });
    expect((await store.events.list({ subjectId: "HL2-1" })).filter((e) => e.action === "loan.ship")).toHaveLength(1);
    await store.close();
  });
});
