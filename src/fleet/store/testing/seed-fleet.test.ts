import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteFleetStoreOn } from "../sqlite.ts";
import type { FleetStore } from "../port.ts";
import { seedFleet, seedSerial } from "./seed-fleet.ts";

let store: FleetStore;
afterEach(async () => {
  await store?.close();
});

const CLIENTS = [
  { id: "fabrikam", displayName: "Fabrikam", upns: ["a1@contoso.com", "a2@contoso.com"] },
  { id: "northwind", displayName: "Northwind", upns: ["b1@contoso.com"] },
];

describe("seedFleet", () => {
  it("N devices and M loans → the devices in stock or lent in turn to the clients, due 1..60 days on, every step in the event log", async () => {
    const now = new Date("2026-03-01T09:00:00.000Z");
    store = await openSqliteFleetStoreOn(new Database(":memory:"), { clock: () => now });
    const { serials } = await seedFleet(store, { devices: 2500, loans: 5, clients: CLIENTS, now });
    expect(serials).toHaveLength(2500);
    expect(serials[0]).toBe(seedSerial(1));
    expect((await store.devices.list()).total).toBe(2500);
    expect(await store.devices.countByState()).toMatchObject({ "in-stock": 2495, shipped: 2, "at-client": 3 });
    const loans = await store.loans.list({ state: "open" });
    expect(loans.map((l) => [l.deviceSerial, l.clientId, l.expectedReturn.slice(0, 10)])).toEqual([
      ["HL2-000001", "fabrikam", "2026-03-02"],
      ["HL2-000002", "northwind", "2026-03-03"],
      ["HL2-000003", "fabrikam", "2026-03-04"],
      ["HL2-000004", "northwind", "2026-03-05"],
      ["HL2-000005", "fabrikam", "2026-03-06"],
    ]);
    expect(loans[0]!.accountUpns).toEqual(["a1@contoso.com", "a2@contoso.com"]);
    expect((await store.events.list({ subjectId: "HL2-000001" })).map((e) => e.action)).toEqual(["device.added", "loan.prepare", "loan.ship", "loan.deliver"]);
  });

  it("loans without a client → refused before any loan is made", async () => {
    store = await openSqliteFleetStoreOn(new Database(":memory:"));
    await expect(seedFleet(store, { devices: 2, loans: 1, clients: [] })).rejects.toThrow(/at least one client/);
    expect(await store.loans.list()).toEqual([]);
  });
});
