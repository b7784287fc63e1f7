/**
 * The contract suite on PostgreSQL, when `DATABASE_URL=postgres://…` names a database (CI starts a
 * throwaway cluster: `.ci/with-postgres`). Each test works in its own schema, dropped afterwards.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { fleetMigrations } from "./migrations/index.ts";
import { openPostgresFleetStore } from "./postgres.ts";
import { fleetStoreContract, type StoreUnderTest } from "./store.contract.ts";
import { isStoreError } from "./store-error.ts";

const url = process.env.DATABASE_URL;
const skip = url && /^postgres(ql)?:\/\//.test(url) ? undefined : "DATABASE_URL does not name a PostgreSQL database (run `.ci/with-postgres npm test`)";
// The default reporter shows only a count of skipped tests; say why once, where a developer will see it.
// eslint-disable-next-line no-console
if (skip) console.warn(`PostgreSQL fleet-store contract skipped: ${skip}`);

async function onDatabase<T>(schema: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const newSchema = () => `fleet_test_${randomBytes(6).toString("hex")}`;

fleetStoreContract({
  name: "PostgreSQL",
  skip,
  async fresh(clock): Promise<StoreUnderTest> {
    const schema = newSchema();
    const store = await openPostgresFleetStore({ connectionString: url!, schema, clock, poolSize: 4 });
    return {
      store,
      openPeer: () => openPostgresFleetStore({ connectionString: url!, schema, clock, poolSize: 4 }),
      rawSql: (statement) => onDatabase(schema, (c) => c.query(statement)),
      columns: (table) =>
        onDatabase(schema, async (c) => {
          const { rows } = await c.query<{ column_name: string }>("select column_name from information_schema.columns where table_schema = $1 and table_name = $2", [schema, table]);
          return rows.map((r) => r.column_name).sort();
        }),
      dump: () =>
        onDatabase(schema, async (c) => {
          const { rows: tables } = await c.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = $1", [schema]);
          const dumps = await Promise.all(tables.map(async ({ table_name }) => JSON.stringify((await c.query(`select * from "${table_name}"`)).rows)));
          return dumps.join("\n");
        }),
      async dispose() {
        await store.close();
        await onDatabase("public", (c) => c.query(`drop schema ${schema} cascade`));
      },
    };
  },
});

describe.skipIf(skip !== undefined)("PostgreSQL specifics", () => {
  it("key columns use the C collation, so order does not depend on the server's locale", async () => {
    const schema = newSchema();
    const store = await openPostgresFleetStore({ connectionString: url!, schema });
    try {
      const { rows } = await onDatabase(schema, (c) =>
        c.query<{ table_name: string; column_name: string; collation_name: string | null }>(
          "select table_name, column_name, collation_name from information_schema.columns where table_schema = $1 and table_name not like 'kysely%' and column_name in ('serial', 'device_serial', 'upn', 'client_id', 'name', 'user_name') order by 1, 2",
          [schema],
        ),
      );
      expect(rows).toHaveLength(9);
      expect(rows.filter((r) => r.collation_name !== "C")).toEqual([]);
    } finally {
      await store.close();
      await onDatabase("public", (c) => c.query(`drop schema ${schema} cascade`));
    }
  });

  it("TRUNCATE of the event log → refused by the database", async () => {
    const schema = newSchema();
    const store = await openPostgresFleetStore({ connectionString: url!, schema });
    try {
      await store.events.append({ actor: "cli:alice", action: "x", subjectType: "t", subjectId: "1" });
      await expect(onDatabase(schema, (c) => c.query("truncate events"))).rejects.toThrow(/append-only/);
      expect(await store.events.list()).toHaveLength(1);
    } finally {
      await store.close();
      await onDatabase("public", (c) => c.query(`drop schema ${schema} cascade`));
    }
  });

  it("another session creating the same schema at that moment → the store opens anyway (it failed once in CI with 23505)", async () => {
    const schema = newSchema();
    // The other session's create is not committed yet: ours waits on the catalogue's unique index, and once
    // theirs commits, `create schema if not exists` fails with 23505 instead of finding it there.
    await onDatabase("public", async (other) => {
      await other.query("begin");
      await other.query(`create schema ${schema}`);
      const opening = openPostgresFleetStore({ connectionString: url!, schema, poolSize: 1 });
      await new Promise((r) => setTimeout(r, 300));
      await other.query("commit");
      const store = await opening;
      try {
        await store.devices.add([{ serial: "HL2-RACE" }], "cli:alice");
        expect(await store.devices.get("HL2-RACE")).toMatchObject({ state: "in-stock" });
      } finally {
        await store.close();
      }
    });
    await onDatabase("public", (c) => c.query(`drop schema ${schema} cascade`));
  });

  it("two processes' worth of stores opening one new database at once → migrated once, both usable", async () => {
    const schema = newSchema();
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresFleetStore({ connectionString: url!, schema, poolSize: 2 })));
    try {
      await stores[0]!.devices.add([{ serial: "HL2-1" }], "cli:alice");
      expect(await stores[2]!.devices.get("HL2-1")).toMatchObject({ state: "in-stock" });
      const runs = await onDatabase(schema, (c) => c.query("select name from kysely_migration"));
      expect(runs.rows.map((r) => r.name)).toEqual(Object.keys(fleetMigrations("postgres")));
    } finally {
      for (const s of stores) await s.close();
      await onDatabase("public", (c) => c.query(`drop schema ${schema} cascade`));
    }
  });

  it("a second schema opened while another store's schema exists → migrated in its own schema, both usable", async () => {
    const [a, b] = [newSchema(), newSchema()];
    const first = await openPostgresFleetStore({ connectionString: url!, schema: a, poolSize: 2 });
    try {
      const second = await openPostgresFleetStore({ connectionString: url!, schema: b, poolSize: 2 });
      try {
        await second.devices.add([{ serial: "HL2-B" }], "cli:alice");
        expect(await first.devices.get("HL2-B")).toBeNull();
        const runs = await onDatabase(b, (c) => c.query("select name from kysely_migration"));
        expect(runs.rows).toHaveLength(Object.keys(fleetMigrations("postgres")).length);
      } finally {
        await second.close();
        await onDatabase("public", (c) => c.query(`drop schema ${b} cascade`));
      }
    } finally {
      await first.close();
      await onDatabase("public", (c) => c.query(`drop schema ${a} cascade`));
    }
  });

  it("a wrong password → unavailable, and the message names the server but not the password", async () => {
    const bad = new URL(url!);
    bad.password = "Wrong-Password-Planted-7";
    const error = await openPostgresFleetStore({ connectionString: bad.toString() }).catch((e: unknown) => e);
    expect(isStoreError(error, "unavailable"), String(error)).toBe(true);
    expect((error as Error).message).toContain(`${bad.hostname}:${bad.port}`);
    expect((error as Error).message).not.toContain("Wrong-Password-Planted-7");
    expect((error as Error).cause).toBeUndefined();
  });
});
