/**
 * The fleet store's contract: one suite every implementation passes (sqlite.test.ts runs it on a file
 * and on `:memory:`, postgres.test.ts on PostgreSQL). It goes through the port only, except where it
 * proves a guard lives in the database itself (append-only tables, no password column), for which the
 * harness gives raw SQL on the same database.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { DeviceState } from "../loan-state.ts";
import type { FleetStore, LoanTransitionRequest } from "./port.ts";
import { isStoreError, StoreError, type StoreErrorKind } from "./store-error.ts";

export interface StoreUnderTest {
  store: FleetStore;
  /** Another store on the same database through its own connection; absent for a private database (`:memory:`). */
  openPeer?: () => Promise<FleetStore>;
  /** Runs one SQL statement on the same database, bypassing the store. */
  rawSql(statement: string): Promise<unknown>;
  /** The column names of a table, sorted. */
  columns(table: string): Promise<string[]>;
  /** Everything the database holds, as text (every row of every table; for a file, its bytes too), to scan for planted secrets. */
  dump(): Promise<string>;
  dispose(): Promise<void>;
}

export interface StoreHarness {
  name: string;
  /** Why the suite cannot run here (shown as the skip reason), or undefined. */
  skip?: string;
  /** A fresh, empty, migrated store whose clock is `clock`. */
  fresh(clock: () => Date): Promise<StoreUnderTest>;
}

const HASH = (serial: string) => createHash("sha256").update(serial).digest("base64").repeat(4);
const ALICE = "cli:alice";
const BOB = "console:bob";

async function rejectsWith(promise: Promise<unknown>, kind: StoreErrorKind, message?: RegExp): Promise<StoreError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected a ${kind} StoreError, but it succeeded`);
    },
    (e: unknown) => e,
  );
  if (!isStoreError(error)) throw error;
  expect(error.kind, error.message).toBe(kind);
  if (message) expect(error.message).toMatch(message);
  return error;
}

export function fleetStoreContract(harness: StoreHarness): void {
  describe.skipIf(harness.skip !== undefined)(`fleet store contract — ${harness.name}${harness.skip ? ` (skipped: ${harness.skip})` : ""}`, () => {
    let now = new Date("2026-03-01T09:00:00.000Z");
    const clock = () => now;
    const opened: StoreUnderTest[] = [];
    const peers: FleetStore[] = [];
    afterEach(async () => {
      for (const p of peers.splice(0)) await p.close();
      for (const s of opened.splice(0)) await s.dispose();
    });

    async function fresh(): Promise<StoreUnderTest> {
      now = new Date("2026-03-01T09:00:00.000Z");
      const s = await harness.fresh(clock);
      opened.push(s);
      return s;
    }

    /** A store with the example's client, two accounts and two devices. */
    async function seeded() {
      const s = await fresh();
      const { store } = s;
      await store.clients.put({ id: "fabrikam", displayName: "Fabrikam Energy" }, ALICE);
      await store.clients.put({ id: "northwind", displayName: "Northwind Traders" }, ALICE);
      await store.accounts.put({ upn: "fabrikam-shift-a@contoso.com", clientId: "fabrikam" }, ALICE);
      await store.accounts.put({ upn: "fabrikam-shift-b@contoso.com", clientId: "fabrikam" }, ALICE);
      await store.accounts.put({ upn: "northwind-op01@contoso.com", clientId: "northwind" }, ALICE);
      await store.devices.add(
        ["HL2-000101", "HL2-000102"].map((serial) => ({ serial, hardwareHash: HASH(serial), groupTag: "CFS-HL2" })),
        ALICE,
      );
      return s;
    }

    const prepare = (serial: string, version: number, over: Partial<LoanTransitionRequest["input"]> = {}): LoanTransitionRequest => ({
      serial,
      action: "prepare",
      expected: { state: "in-stock", version },
      input: { clientId: "fabrikam", accountUpns: ["fabrikam-shift-a@contoso.com", "fabrikam-shift-b@contoso.com"], expectedReturn: "2026-04-30T00:00:00Z", ...over },
    });

    describe("devices", () => {
      it("added devices → in stock at version 1, one device.added event each", async () => {
        const { store } = await seeded();
        const device = await store.devices.get("HL2-000101");
        expect(device).toMatchObject({ serial: "HL2-000101", hardwareHash: HASH("HL2-000101"), groupTag: "CFS-HL2", state: "in-stock", version: 1, createdAt: "2026-03-01T09:00:00.000Z" });
        const events = await store.events.list({ subjectType: "device" });
        expect(events.map((e) => [e.action, e.subjectId, e.actor])).toEqual([
          ["device.added", "HL2-000101", ALICE],
          ["device.added", "HL2-000102", ALICE],
        ]);
        expect(await store.devices.get("HL2-999999")).toBeNull();
      });

      it("a real-size hardware hash (about 4,000 base64 characters) → stored and read back whole; the same hash again → duplicate", async () => {
        const { store } = await seeded();
        // Real hashes are ~3,000 bytes and do not compress: longer than a PostgreSQL b-tree index row may be (2,704 bytes).
        const real = Buffer.concat(Array.from({ length: 47 }, (_, i) => createHash("sha512").update(`HL2-REAL-${i}`).digest())).toString("base64");
        await store.devices.add([{ serial: "HL2-REAL-1", hardwareHash: real }], ALICE);
        expect((await store.devices.get("HL2-REAL-1"))?.hardwareHash).toBe(real);
        await rejectsWith(store.devices.add([{ serial: "HL2-REAL-2", hardwareHash: real }], ALICE), "duplicate", /same hardware hash/);
      });

      it("a batch with one known serial → duplicate, and none of the batch is added", async () => {
        const { store } = await seeded();
        await rejectsWith(store.devices.add([{ serial: "HL2-000201" }, { serial: "HL2-000101" }], ALICE), "duplicate", /HL2-000101/);
        expect(await store.devices.get("HL2-000201")).toBeNull();
        await rejectsWith(store.devices.add([{ serial: "HL2-000301", hardwareHash: HASH("HL2-000102") }], ALICE), "duplicate", /same hardware hash/);
        await rejectsWith(store.devices.add([{ serial: "X-1" }, { serial: "X-1" }], ALICE), "duplicate", /given twice/);
        await rejectsWith(store.devices.add([{ serial: " " }], ALICE), "invalid");
        expect((await store.devices.list()).total).toBe(2);
      });

      it("a thousand devices → added in one transaction and listed page by page in serial order", async () => {
        const { store } = await fresh();
        const serials = Array.from({ length: 1000 }, (_, i) => `HL2-${String(i).padStart(6, "0")}`);
        await store.devices.add([...serials].reverse().map((serial) => ({ serial, hardwareHash: HASH(serial) })), ALICE);
        const page = await store.devices.list({ limit: 10, offset: 990 });
        expect(page.total).toBe(1000);
        expect(page.devices.map((d) => d.serial)).toEqual(serials.slice(990));
      });

      it("list filters by state and by exact, case-sensitive serial prefix", async () => {
        const { store } = await seeded();
        await store.devices.add([{ serial: "hl2-lower" }, { serial: "HL2_%" }], ALICE);
        expect((await store.devices.list({ serialPrefix: "HL2-" })).devices.map((d) => d.serial)).toEqual(["HL2-000101", "HL2-000102"]);
        expect((await store.devices.list({ serialPrefix: "HL2_" })).devices.map((d) => d.serial)).toEqual(["HL2_%"]);
        await store.loans.transition(prepare("HL2-000102", 1), ALICE);
        expect(await store.devices.list({ state: "prepared" })).toMatchObject({ total: 1, devices: [{ serial: "HL2-000102" }] });
        expect((await store.devices.list({ state: "in-stock" })).total).toBe(3);
      });

      it("serials sort byte by byte in both databases (upper case, then punctuation, then lower case)", async () => {
        const { store } = await fresh();
        await store.devices.add(["b", "a_1", "B", "a-1", "A"].map((serial) => ({ serial })), ALICE);
        expect((await store.devices.list()).devices.map((d) => d.serial)).toEqual(["A", "B", "a-1", "a_1", "b"]);
      });

      it("listWithLoans: filter by the open loan's client, sort by state, client, model and last change, both ways, ties by serial", async () => {
        const { store } = await seeded();
        await store.devices.add(["HL2-000103", "HL2-000104"].map((serial) => ({ serial, hardwareHash: HASH(serial) })), ALICE);
        await store.devices.updateTenantIds("HL2-000104", 1, { model: "HoloLens 2" }, ALICE);
        await store.devices.updateTenantIds("HL2-000103", 1, { model: "HoloLens 2 Industrial" }, ALICE);
        now = new Date("2026-03-02T09:00:00.000Z");
        await store.loans.transition(prepare("HL2-000102", 1), ALICE);
        now = new Date("2026-03-03T09:00:00.000Z");
        await store.loans.transition(prepare("HL2-000101", 1, { clientId: "northwind", accountUpns: ["northwind-op01@contoso.com"] }), ALICE);
        const serials = async (query: Parameters<typeof store.devices.listWithLoans>[0]) => (await store.devices.listWithLoans(query)).devices.map((d) => d.serial);

        const fabrikam = await store.devices.listWithLoans({ clientId: "fabrikam" });
        expect(fabrikam).toEqual({ total: 1, devices: [expect.objectContaining({ serial: "HL2-000102", state: "prepared", openLoan: { id: expect.any(Number), clientId: "fabrikam", expectedReturn: "2026-04-30T00:00:00.000Z" } })] });
        expect((await store.devices.listWithLoans({ serialPrefix: "HL2-00010" })).devices.find((d) => d.serial === "HL2-000103")?.openLoan).toBeNull();
        expect(await serials({ clientId: "tailspin" })).toEqual([]);
        // Client: devices with a loan first (fabrikam < northwind), the rest after, by serial; descending is the exact reverse.
        expect(await serials({ sort: "client" })).toEqual(["HL2-000102", "HL2-000101", "HL2-000103", "HL2-000104"]);
        expect(await serials({ sort: "client", descending: true })).toEqual(["HL2-000104", "HL2-000103", "HL2-000101", "HL2-000102"]);
        expect(await serials({ sort: "state" })).toEqual(["HL2-000103", "HL2-000104", "HL2-000101", "HL2-000102"]);
        expect(await serials({ sort: "model" })).toEqual(["HL2-000104", "HL2-000103", "HL2-000101", "HL2-000102"]);
        expect(await serials({ sort: "updated", descending: true })).toEqual(["HL2-000101", "HL2-000102", "HL2-000104", "HL2-000103"]);
        expect(await serials({ sort: "serial", descending: true, limit: 2, offset: 1 })).toEqual(["HL2-000103", "HL2-000102"]);
        // The same filters and order through the plain list.
        expect((await store.devices.list({ clientId: "northwind", sort: "state" })).devices.map((d) => d.serial)).toEqual(["HL2-000101"]);
        expect((await store.devices.list({ state: "in-stock", sort: "model", descending: true })).devices.map((d) => d.serial)).toEqual(["HL2-000103", "HL2-000104"]);
      });

      it("countByState → every state, zeros included", async () => {
        const { store } = await seeded();
        await store.loans.transition(prepare("HL2-000102", 1), ALICE);
        expect(await store.devices.countByState()).toEqual({ "in-stock": 1, prepared: 1, shipped: 0, "at-client": 0, overdue: 0, returned: 0, resetting: 0, lost: 0 });
      });

      it("tenant ids → recorded at the expected version; a stale version → conflict; an unknown serial → not-found", async () => {
        const { store } = await seeded();
        const updated = await store.devices.updateTenantIds("HL2-000101", 1, { autopilotId: "ap-1", entraDeviceId: "e-1" }, ALICE);
        expect(updated).toMatchObject({ autopilotId: "ap-1", entraDeviceId: "e-1", version: 2, state: "in-stock" });
        await rejectsWith(store.devices.updateTenantIds("HL2-000101", 1, { autopilotId: "ap-2" }, BOB), "conflict", /version 1, now 2/);
        await rejectsWith(store.devices.updateTenantIds("NOPE", 1, {}, BOB), "not-found");
        const events = (await store.events.list({ subjectId: "HL2-000101" })).filter((e) => e.action !== "device.added");
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ action: "device.tenant-ids-updated", before: { autopilotId: null, entraDeviceId: null }, after: { autopilotId: "ap-1", entraDeviceId: "e-1" } });
      });
    });

    describe("clients and accounts", () => {
      it("put → added once; the same again → no event; a new name → updated with before and after", async () => {
        const { store } = await fresh();
        await store.clients.put({ id: "fabrikam", displayName: "Fabrikam" }, ALICE);
        await store.clients.put({ id: "fabrikam", displayName: "Fabrikam" }, ALICE);
        const renamed = await store.clients.put({ id: "fabrikam", displayName: "Fabrikam Energy" }, BOB);
        expect(renamed).toMatchObject({ displayName: "Fabrikam Energy", version: 2 });
        expect((await store.events.list({ subjectType: "client" })).map((e) => [e.action, e.before, e.after])).toEqual([
          ["client.added", null, { displayName: "Fabrikam" }],
          ["client.updated", { displayName: "Fabrikam" }, { displayName: "Fabrikam Energy" }],
        ]);
      });

      it("an account of an unknown client → not-found; moving an account to another client → invalid", async () => {
        const { store } = await seeded();
        await rejectsWith(store.accounts.put({ upn: "x@contoso.com", clientId: "tailspin" }, ALICE), "not-found", /tailspin/);
        await rejectsWith(store.accounts.put({ upn: "northwind-op01@contoso.com", clientId: "fabrikam" }, ALICE), "invalid", /belongs to client northwind/);
        expect((await store.accounts.list({ clientId: "fabrikam" })).map((a) => a.upn)).toEqual(["fabrikam-shift-a@contoso.com", "fabrikam-shift-b@contoso.com"]);
        expect(await store.clients.list()).toHaveLength(2);
      });
    });

    describe("loans", () => {
      it("the whole cycle → device states, loan record and one event per step, in order", async () => {
        const { store } = await seeded();
        const steps: [LoanTransitionRequest["action"], DeviceState][] = [
          ["prepare", "in-stock"],
          ["ship", "prepared"],
          ["deliver", "shipped"],
          ["return", "at-client"],
          ["start-reset", "returned"],
          ["restock", "resetting"],
        ];
        let version = 1;
        for (const [action, state] of steps) {
          now = new Date(now.getTime() + 86_400_000);
          const req = action === "prepare" ? prepare("HL2-000101", version) : { serial: "HL2-000101", action, expected: { state, version } };
          const result = await store.loans.transition(req, ALICE);
          version = result.device.version;
        }
        expect(await store.devices.get("HL2-000101")).toMatchObject({ state: "in-stock", version: 7 });
        expect(await store.loans.current("HL2-000101")).toBeNull();
        const [loan] = await store.loans.list({ serial: "HL2-000101" });
        expect(loan).toMatchObject({
          clientId: "fabrikam",
          accountUpns: ["fabrikam-shift-a@contoso.com", "fabrikam-shift-b@contoso.com"],
          state: "returned",
          expectedReturn: "2026-04-30T00:00:00.000Z",
          preparedAt: "2026-03-02T09:00:00.000Z",
          shippedAt: "2026-03-03T09:00:00.000Z",
          deliveredAt: "2026-03-04T09:00:00.000Z",
          returnedAt: "2026-03-05T09:00:00.000Z",
          closedAt: "2026-03-05T09:00:00.000Z",
        });
        const events = await store.events.list({ subjectType: "device", subjectId: "HL2-000101" });
        expect(events.map((e) => e.action)).toEqual(["device.added", ...steps.map(([a]) => `loan.${a}`)]);
        expect(events[2]).toMatchObject({ before: { state: "prepared", version: 2, loan: { state: "open", shippedAt: null } }, after: { state: "shipped", version: 3, loan: { shippedAt: "2026-03-03T09:00:00.000Z" } } });
      });

      it("a refused transition → nothing changes: no device change, no loan, no event", async () => {
        const { store } = await seeded();
        const eventsBefore = (await store.events.list()).length;
        await rejectsWith(store.loans.transition(prepare("HL2-000101", 1, { accountUpns: ["northwind-op01@contoso.com"] }), ALICE), "invalid", /another client/);
        await rejectsWith(store.loans.transition(prepare("HL2-000101", 1, { accountUpns: ["ghost@contoso.com"] }), ALICE), "not-found", /ghost/);
        await rejectsWith(store.loans.transition(prepare("HL2-000101", 1, { clientId: "tailspin" }), ALICE), "not-found", /tailspin/);
        await rejectsWith(store.loans.transition(prepare("HL2-000101", 1, { expectedReturn: "2026-02-01" }), ALICE), "invalid", /not in the future/);
        await rejectsWith(store.loans.transition({ serial: "HL2-000101", action: "ship", expected: { state: "in-stock", version: 1 } }, ALICE), "invalid", /cannot ship a device that is in-stock/);
        await rejectsWith(store.loans.transition({ serial: "HL2-000101", action: "restock", expected: { state: "resetting", version: 1 } }, ALICE), "conflict", /is in-stock \(version 1\)/);
        await rejectsWith(store.loans.transition(prepare("NOPE", 1), ALICE), "not-found");
        expect(await store.devices.get("HL2-000101")).toMatchObject({ state: "in-stock", version: 1 });
        expect(await store.loans.list()).toEqual([]);
        expect(await store.events.list()).toHaveLength(eventsBefore);
      });

      it("overdue: flagged only after the expected return (store clock), listed by dueBefore, extended back to at-client", async () => {
        const { store } = await seeded();
        let v = (await store.loans.transition(prepare("HL2-000101", 1), ALICE)).device.version;
        v = (await store.loans.transition({ serial: "HL2-000101", action: "ship", expected: { state: "prepared", version: v } }, ALICE)).device.version;
        v = (await store.loans.transition({ serial: "HL2-000101", action: "deliver", expected: { state: "shipped", version: v } }, ALICE)).device.version;
        const flag = { serial: "HL2-000101", action: "flag-overdue", expected: { state: "at-client", version: v } } as const;
        await rejectsWith(store.loans.transition(flag, ALICE), "invalid", /not past its expected return/);
        expect(await store.loans.list({ dueBefore: now.toISOString() })).toEqual([]);
        now = new Date("2026-05-02T00:00:00.000Z");
        expect((await store.loans.list({ dueBefore: now.toISOString() })).map((l) => l.deviceSerial)).toEqual(["HL2-000101"]);
        v = (await store.loans.transition(flag, ALICE)).device.version;
        const extended = await store.loans.transition({ serial: "HL2-000101", action: "extend", expected: { state: "overdue", version: v }, input: { expectedReturn: "2026-06-30" } }, BOB);
        expect(extended.device.state).toBe("at-client");
        expect(extended.loan).toMatchObject({ state: "open", expectedReturn: "2026-06-30T00:00:00.000Z" });
        expect(extended.event).toMatchObject({ actor: BOB, action: "loan.extend", before: { loan: { expectedReturn: "2026-04-30T00:00:00.000Z" } } });
      });

      it("lost and found; a prepared loan cancelled → back in stock, loan cancelled", async () => {
        const { store } = await seeded();
        let v = (await store.loans.transition(prepare("HL2-000101", 1), ALICE)).device.version;
        v = (await store.loans.transition({ serial: "HL2-000101", action: "ship", expected: { state: "prepared", version: v } }, ALICE)).device.version;
        const lost = await store.loans.transition({ serial: "HL2-000101", action: "lose", expected: { state: "shipped", version: v } }, ALICE);
        expect(lost.loan).toMatchObject({ state: "lost", closedAt: expect.any(String) });
        expect(await store.loans.current("HL2-000101")).toBeNull();
        const found = await store.loans.transition({ serial: "HL2-000101", action: "found", expected: { state: "lost", version: lost.device.version } }, ALICE);
        expect(found).toMatchObject({ device: { state: "returned" }, loan: { id: lost.loan!.id, state: "returned", returnedAt: expect.any(String) } });

        const p = await store.loans.transition(prepare("HL2-000102", 1), ALICE);
        const cancelled = await store.loans.transition({ serial: "HL2-000102", action: "cancel", expected: { state: "prepared", version: p.device.version } }, ALICE);
        expect(cancelled).toMatchObject({ device: { state: "in-stock" }, loan: { state: "cancelled" } });
        // A device back in stock can be lent again: the open-loan rule concerns open loans only.
        const again = await store.loans.transition(prepare("HL2-000102", cancelled.device.version), ALICE);
        expect(again.loan).toMatchObject({ state: "open" });
        expect((await store.loans.list({ serial: "HL2-000102" })).map((l) => l.state)).toEqual(["cancelled", "open"]);
      });

      it("two operators prepare the same device at once → exactly one wins, the other gets a conflict", async () => {
        const s = await seeded();
        const other = s.openPeer ? await s.openPeer() : s.store;
        if (other !== s.store) peers.push(other);
        for (const serial of ["HL2-000101", "HL2-000102"]) {
          // Both read the device first, as two operators looking at the same screen would.
          const [seenA, seenB] = await Promise.all([s.store.devices.get(serial), other.devices.get(serial)]);
          const results = await Promise.allSettled([
            s.store.loans.transition(prepare(serial, seenA!.version), ALICE),
            other.loans.transition(prepare(serial, seenB!.version, { clientId: "northwind", accountUpns: ["northwind-op01@contoso.com"] }), BOB),
          ]);
          const won = results.filter((r) => r.status === "fulfilled");
          const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          expect(isStoreError(lost[0]!.reason, "conflict"), String(lost[0]!.reason)).toBe(true);
          expect((lost[0]!.reason as Error).message).toMatch(/someone else acted on it first/);
          expect(await s.store.devices.get(serial)).toMatchObject({ state: "prepared", version: 2 });
          expect(await s.store.loans.list({ serial })).toHaveLength(1);
          expect((await s.store.events.list({ subjectId: serial })).filter((e) => e.action === "loan.prepare")).toHaveLength(1);
        }
      });

      it("two operators ship the same prepared device at once → one shipment, one conflict", async () => {
        const s = await seeded();
        const other = s.openPeer ? await s.openPeer() : s.store;
        if (other !== s.store) peers.push(other);
        const { device } = await s.store.loans.transition(prepare("HL2-000101", 1), ALICE);
        const ship = { serial: "HL2-000101", action: "ship", expected: { state: "prepared", version: device.version } } as const;
        const results = await Promise.allSettled([s.store.loans.transition(ship, ALICE), other.loans.transition(ship, BOB)]);
        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
        const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
        expect(isStoreError(rejected.reason, "conflict"), String(rejected.reason)).toBe(true);
        expect(await s.store.loans.current("HL2-000101")).toMatchObject({ version: 2, shippedAt: expect.any(String) });
      });
    });

    describe("password rotations", () => {
      it("recorded with who, when, why and the loan — and nothing else, even when a password is passed", async () => {
        const { store, columns, dump } = await seeded();
        const { loan } = await store.loans.transition(prepare("HL2-000101", 1), ALICE);
        const sneaky = { upn: "fabrikam-shift-a@contoso.com", reason: "reset-before-ship", loanId: loan!.id, password: "Planted-Secret-42!" } as const;
        const rotation = await store.passwordRotations.record(sneaky, ALICE);
        expect(rotation).toEqual({ id: expect.any(Number), upn: sneaky.upn, rotatedAt: "2026-03-01T09:00:00.000Z", rotatedBy: ALICE, reason: "reset-before-ship", loanId: loan!.id });
        expect(await columns("password_rotations")).toEqual(["id", "loan_id", "reason", "rotated_at", "rotated_by", "upn"]);
        const events = await store.events.list({ subjectType: "account", subjectId: sneaky.upn });
        expect(events.at(-1)).toMatchObject({ action: "password.rotated", after: { reason: "reset-before-ship", loanId: loan!.id } });
        expect(JSON.stringify(await store.events.list())).not.toContain("Planted-Secret-42!");
        const everything = await dump();
        expect(everything).toContain("reset-before-ship"); // the dump does see the rotation
        expect(everything).not.toContain("Planted-Secret-42!");
      });

      it("last rotation per account; an unknown account → not-found; a reason outside the set → invalid", async () => {
        const { store } = await seeded();
        await store.passwordRotations.record({ upn: "fabrikam-shift-a@contoso.com", reason: "manual" }, ALICE);
        now = new Date("2026-03-05T00:00:00.000Z");
        await store.passwordRotations.record({ upn: "fabrikam-shift-a@contoso.com", reason: "rotate-on-return" }, ALICE);
        await store.passwordRotations.record({ upn: "northwind-op01@contoso.com", reason: "client-changed" }, BOB);
        const last = await store.passwordRotations.lastRotatedAt(["fabrikam-shift-a@contoso.com", "northwind-op01@contoso.com", "fabrikam-shift-b@contoso.com"]);
        expect(Object.fromEntries(last)).toEqual({ "fabrikam-shift-a@contoso.com": "2026-03-05T00:00:00.000Z", "northwind-op01@contoso.com": "2026-03-05T00:00:00.000Z" });
        expect((await store.passwordRotations.list({ upn: "fabrikam-shift-a@contoso.com" })).map((r) => r.reason)).toEqual(["manual", "rotate-on-return"]);
        await rejectsWith(store.passwordRotations.record({ upn: "ghost@contoso.com", reason: "manual" }, ALICE), "not-found", /ghost/);
        // @ts-expect-error -- a reason outside the closed set
        await rejectsWith(store.passwordRotations.record({ upn: "northwind-op01@contoso.com", reason: "because" }, ALICE), "invalid");
      });
    });

    describe("event log", () => {
      it("operations append their own events; list filters by subject and follows from an id", async () => {
        const { store } = await seeded();
        const e = await store.events.append({ actor: ALICE, action: "autopilot.import-requested", subjectType: "device", subjectId: "HL2-000101", after: { importId: "imp-1" } });
        expect(e).toMatchObject({ id: expect.any(Number), at: "2026-03-01T09:00:00.000Z", before: null, after: { importId: "imp-1" } });
        expect((await store.events.list({ afterId: e.id - 1 })).map((x) => x.id)).toEqual([e.id]);
        expect(await store.events.list({ subjectId: "HL2-000101", limit: 1 })).toHaveLength(1);
        const ids = (await store.events.list()).map((x) => x.id);
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
      });

      it("list by action, newest first → the last apply first; limit 1 → only it", async () => {
        const { store } = await seeded();
        const first = await store.events.append({ actor: ALICE, action: "apply.run", subjectType: "tenant", subjectId: "t-1", after: { applied: 3 } });
        await store.events.append({ actor: ALICE, action: "audit.run", subjectType: "tenant", subjectId: "t-1" });
        const last = await store.events.append({ actor: BOB, action: "apply.run", subjectType: "tenant", subjectId: "t-1", after: { applied: 0 } });
        expect((await store.events.list({ action: "apply.run", newestFirst: true })).map((e) => e.id)).toEqual([last.id, first.id]);
        expect(await store.events.list({ action: "apply.run", newestFirst: true, limit: 1 })).toEqual([expect.objectContaining({ id: last.id, actor: BOB, after: { applied: 0 } })]);
        expect(await store.events.list({ action: "nothing.like.it" })).toEqual([]);
      });

      it.each([
        [{ password: "x" }],
        [{ nested: { clientSecret: "x" } }],
        [{ list: [{ access_token: "x" }] }],
        [{ passwordProfile: { forceChangePasswordNextSignIn: true } }],
      ])("an event with a secret-named key %j → refused, nothing appended", async (after) => {
        const { store } = await fresh();
        await rejectsWith(store.events.append({ actor: ALICE, action: "x", subjectType: "t", subjectId: "1", after }), "invalid", /names a secret/);
        expect(await store.events.list()).toEqual([]);
      });

      it("no actor → refused", async () => {
        const { store } = await seeded();
        await rejectsWith(store.events.append({ actor: " ", action: "x", subjectType: "t", subjectId: "1" }), "invalid", /who made it/);
        await rejectsWith(store.devices.add([{ serial: "X" }], ""), "invalid");
      });

      it("the database itself refuses to change or remove events and rotations", async () => {
        const { store, rawSql } = await seeded();
        await store.passwordRotations.record({ upn: "fabrikam-shift-a@contoso.com", reason: "manual" }, ALICE);
        for (const statement of [
          "update events set actor = 'mallory'",
          "delete from events",
          "update password_rotations set rotated_by = 'mallory'",
          "delete from password_rotations",
        ]) {
          await expect(rawSql(statement), statement).rejects.toThrow(/append-only/);
        }
        expect((await store.events.list()).every((e) => e.actor === ALICE)).toBe(true);
        expect(await store.passwordRotations.list()).toHaveLength(1);
      });
    });

    describe("console users and sessions", () => {
      const HASHED = "scrypt$16384$8$1$c2FsdA$aGFzaA";

      it("a user holds a hash only: a plain password is refused by the store and by the schema", async () => {
        const { store, rawSql } = await fresh();
        const user = await store.consoleUsers.add({ name: "admin", role: "admin", passwordHash: HASHED }, "setup");
        expect(user).toMatchObject({ name: "admin", role: "admin", passwordHash: HASHED, version: 1 });
        await rejectsWith(store.consoleUsers.add({ name: "bob", role: "viewer", passwordHash: "hunter2hunter2" }, "setup"), "invalid", /hashed/);
        await expect(rawSql("insert into console_users (name, role, password_hash, version, created_at, updated_at) values ('eve', 'admin', 'plain', 1, 'x', 'x')")).rejects.toThrow();
        await rejectsWith(store.consoleUsers.add({ name: "admin", role: "viewer", passwordHash: HASHED }, "setup"), "duplicate");
        // @ts-expect-error -- a role outside the set
        await rejectsWith(store.consoleUsers.add({ name: "carol", role: "root", passwordHash: HASHED }, "setup"), "invalid");
        const events = await store.events.list({ subjectType: "console-user" });
        expect(events.map((e) => [e.action, e.after])).toEqual([["console-user.added", { role: "admin" }]]);
        expect(JSON.stringify(events)).not.toContain(HASHED);
      });

      it("a password change at the expected version → new hash; at a stale one → conflict", async () => {
        const { store } = await fresh();
        await store.consoleUsers.add({ name: "op", role: "operator", passwordHash: HASHED }, "setup");
        const changed = await store.consoleUsers.setPasswordHash("op", 1, "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA", "op");
        expect(changed).toMatchObject({ version: 2, passwordHash: expect.stringMatching(/^\$argon2id/) });
        await rejectsWith(store.consoleUsers.setPasswordHash("op", 1, HASHED, "op"), "conflict");
        await rejectsWith(store.consoleUsers.setPasswordHash("nobody", 1, HASHED, "op"), "not-found");
        expect((await store.consoleUsers.list()).map((u) => u.name)).toEqual(["op"]);
      });

      it("sessions: found until they expire (store clock), deleted on sign-out, swept when expired", async () => {
        const { store } = await fresh();
        await store.consoleUsers.add({ name: "op", role: "operator", passwordHash: HASHED }, "setup");
        const token = (n: number) => createHash("sha256").update(`token-${n}`).digest("hex");
        await store.sessions.create({ tokenHash: token(1), userName: "op", expiresAt: "2026-03-01T10:00:00Z" });
        await store.sessions.create({ tokenHash: token(2), userName: "op", expiresAt: "2026-03-01T12:00:00Z" });
        expect(await store.sessions.find(token(1))).toMatchObject({ userName: "op", expiresAt: "2026-03-01T10:00:00.000Z" });
        await store.sessions.delete(token(2));
        expect(await store.sessions.find(token(2))).toBeNull();
        now = new Date("2026-03-01T10:00:01Z");
        expect(await store.sessions.find(token(1))).toBeNull();
        expect(await store.sessions.deleteExpired()).toBe(1);
        await rejectsWith(store.sessions.create({ tokenHash: "raw-token", userName: "op", expiresAt: "2026-03-02" }), "invalid", /SHA-256/);
        await rejectsWith(store.sessions.create({ tokenHash: token(3), userName: "ghost", expiresAt: "2026-03-02" }), "not-found", /ghost/);
      });

      it("sessions: local ones take no role, Entra ones must carry one; touch moves lastSeenAt only", async () => {
        const { store, rawSql } = await fresh();
        await store.consoleUsers.add({ name: "op", role: "operator", passwordHash: HASHED }, "setup");
        const token = (n: number) => createHash("sha256").update(`token-${n}`).digest("hex");
        now = new Date("2026-03-01T08:00:00Z");
        const local = await store.sessions.create({ tokenHash: token(1), userName: "op", expiresAt: "2026-03-01T20:00:00Z", role: "admin" });
        expect(local).toMatchObject({ via: "local", role: null, lastSeenAt: "2026-03-01T08:00:00.000Z" });
        const entra = await store.sessions.create({ tokenHash: token(2), userName: "meg@contoso.example", via: "entra", role: "viewer", expiresAt: "2026-03-01T20:00:00Z" });
        expect(entra).toMatchObject({ via: "entra", role: "viewer", userName: "meg@contoso.example" });
        await rejectsWith(store.sessions.create({ tokenHash: token(3), userName: "meg@contoso.example", via: "entra", expiresAt: "2026-03-01T20:00:00Z" }), "invalid", /role/);
        await expect(rawSql(`insert into console_sessions (token_hash, user_name, via, role, created_at, expires_at, last_seen_at) values ('${token(4)}', 'x', 'entra', null, 'x', 'x', 'x')`)).rejects.toThrow();
        now = new Date("2026-03-01T09:30:00Z");
        await store.sessions.touch(token(1));
        expect(await store.sessions.find(token(1))).toMatchObject({ lastSeenAt: "2026-03-01T09:30:00.000Z", createdAt: "2026-03-01T08:00:00.000Z", expiresAt: "2026-03-01T20:00:00.000Z" });
      });
    });
  });
}
