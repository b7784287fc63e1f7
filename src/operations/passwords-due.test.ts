import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountPasswords, passwordsDue } from "./passwords-due.ts";
import { arrangeProgramAccounts, startFleetTest, type FleetTest } from "./fleet-testing.ts";

const DAY = 24 * 60 * 60 * 1000;
let f: FleetTest;
beforeEach(async () => {
  f = await startFleetTest();
  await arrangeProgramAccounts(f);
  await f.store.clients.put({ id: "northwind", displayName: "Northwind Traders" }, "cli:test");
  const upn = f.ctx.blueprint.clients[1]!.accounts[0]!.userPrincipalName;
  await f.store.accounts.put({ upn, clientId: "northwind" }, "cli:test");
  await f.store.devices.add([{ serial: "HL2-000201" }], "cli:test");
});
afterEach(async () => {
  await f?.close();
});

async function lend(days: number): Promise<void> {
  const upn = f.ctx.blueprint.clients[1]!.accounts[0]!.userPrincipalName;
  await f.store.loans.transition(
    { serial: "HL2-000201", action: "prepare", expected: { state: "in-stock", version: 1 }, input: { clientId: "northwind", accountUpns: [upn], expectedReturn: new Date(Date.now() + days * DAY).toISOString() } },
    "cli:test",
  );
}

describe("passwordsDue", () => {
  it("a loan longer than maxAgeDays (90) → its account is due 'during-loan', with the device and its return", async () => {
    await lend(120);
    const due = await passwordsDue(f.ctx);
    expect(due).toEqual([expect.objectContaining({ upn: f.ctx.blueprint.clients[1]!.accounts[0]!.userPrincipalName, clientId: "northwind", why: ["during-loan"], loan: expect.objectContaining({ serial: "HL2-000201" }) })]);
    const expires = Date.parse(due[0]!.expiresAt) - Date.parse(due[0]!.lastSetAt!);
    expect(expires).toBe(90 * DAY);
  });

  it("a loan shorter than the password's life → nothing due", async () => {
    await lend(30);
    expect(await passwordsDue(f.ctx)).toEqual([]);
  });

  it("--within past the expiry → every client account is due 'soon'; short of it → none", async () => {
    const all = f.ctx.blueprint.clients.flatMap((c) => c.accounts).length;
    expect(await passwordsDue(f.ctx, { withinDays: 91 })).toHaveLength(all);
    expect(await passwordsDue(f.ctx, { withinDays: 89 })).toEqual([]);
  });

  it("passwords.policy never-expire → nothing is ever due", async () => {
    await lend(400);
    const ctx = { ...f.ctx, blueprint: { ...f.ctx.blueprint, passwords: { ...f.ctx.blueprint.passwords, policy: "never-expire" as const } } };
    expect(await passwordsDue(ctx, { withinDays: 1000 })).toEqual([]);
  });

  it("accountPasswords for one client → each of its accounts with last change, expiry 90 days on, and the loan it serves", async () => {
    await lend(120);
    const northwind = f.ctx.blueprint.clients[1]!;
    const listed = await accountPasswords(f.ctx, { clientId: northwind.id });
    expect(listed.map((a) => a.upn)).toEqual(northwind.accounts.map((a) => a.userPrincipalName));
    const [first] = listed;
    expect(first).toMatchObject({ clientId: "northwind", inTenant: true, lastRotatedAt: null, loan: { serial: "HL2-000201" }, why: ["during-loan"] });
    expect(Date.parse(first!.expiresAt!) - Date.parse(first!.lastSetAt!)).toBe(90 * DAY);
    expect((await accountPasswords(f.ctx)).length).toBe(f.ctx.blueprint.clients.flatMap((c) => c.accounts).length);
  });
});
