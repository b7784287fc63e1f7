/**
 * No password in the fleet store on PostgreSQL either, when `DATABASE_URL=postgres://…` names a database
 * (CI: `.ci/with-postgres npm test`): passwords rotated on ship, on return and by hand, then every row of
 * every table of the store's schema read back as text and scanned. A planted value proves the scan sees them.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openPostgresFleetStore } from "../fleet/store/postgres.ts";
import { shipLoan } from "./loan-lend.ts";
import { returnLoan } from "./loan-return.ts";
import { rotatePassword } from "./passwords-rotate.ts";
import { arrangeFleet, startFleetTest, type FleetTest } from "./fleet-testing.ts";

const url = process.env.DATABASE_URL;
const skip = url && /^postgres(ql)?:\/\//.test(url) ? undefined : "DATABASE_URL does not name a PostgreSQL database (run `.ci/with-postgres npm test`)";
// eslint-disable-next-line no-console
if (skip) console.warn(`PostgreSQL password scan skipped: ${skip}`);

async function onDatabase<T>(schema: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every row of every table in the schema, each as PostgreSQL's own text form of the whole row. */
async function everyRow(schema: string): Promise<{ table: string; text: string }[]> {
  return onDatabase(schema, async (c) => {
    const { rows: tables } = await c.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'", [schema]);
    const out: { table: string; text: string }[] = [];
    for (const { table_name } of tables) {
      const { rows } = await c.query<{ row: string }>(`select t::text as row from "${schema}"."${table_name}" t`);
      for (const r of rows) out.push({ table: table_name, text: r.row });
    }
    return out;
  });
}

let f: FleetTest;
let schema: string;
beforeEach(async () => {
  if (skip) return;
  schema = `fleet_test_${randomBytes(6).toString("hex")}`;
  const store = await openPostgresFleetStore({ connectionString: url!, schema, poolSize: 4 });
  f = await startFleetTest({ store });
});
afterEach(async () => {
  if (skip) return;
  await f?.close();
  await onDatabase("public", (c) => c.query(`drop schema if exists ${schema} cascade`));
});

describe.skipIf(skip !== undefined)("passwords on a PostgreSQL fleet store", { timeout: 120_000 }, () => {
  it("rotated on ship (reset-before-ship), on return and by hand → no row of any table holds one; a planted value is found", async () => {
    await arrangeFleet(f);
    const shipping = { ...f.ctx, blueprint: { ...f.ctx.blueprint, passwords: { ...f.ctx.blueprint.passwords, policy: "reset-before-ship" as const } } };
    const shipped = await shipLoan(shipping, { serial: "HL2-000201", clientId: "northwind", until: "2099-01-31" });
    const returned = await returnLoan(f.ctx, "HL2-000201", { pollMs: 5_000 });
    const manual = await rotatePassword(f.ctx, f.ctx.blueprint.clients[0]!.accounts[0]!.userPrincipalName, "manual");
    const passwords = [...shipped.rotated, ...returned.rotated, manual].map((r) => r.password);
    expect(shipped.rotated.length).toBeGreaterThan(0);
    expect(returned.rotated.length).toBeGreaterThan(0);
    expect(new Set(passwords).size).toBe(passwords.length);

    // The scan reads what was written: rotations, loans, devices and the events of each step.
    const canary = `Planted-${randomBytes(8).toString("hex")}`;
    await f.store.events.append({ actor: "cli:test", action: "test.canary", subjectType: "test", subjectId: "1", after: { note: canary } });
    const rows = await everyRow(schema);
    const tables = new Set(rows.map((r) => r.table));
    for (const table of ["devices", "loans", "password_rotations", "events"]) expect(tables, table).toContain(table);
    expect(rows.filter((r) => r.table === "password_rotations")).toHaveLength(passwords.length);
    expect(rows.filter((r) => r.text.includes(canary)).map((r) => r.table)).toEqual(["events"]);

    for (const password of passwords) {
      expect(rows.filter((r) => r.text.includes(password)).map((r) => r.table)).toEqual([]);
    }
  });
});
