import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../diag/diagnostic.ts";
import { prepareLoan, shipLoan } from "./loan-lend.ts";
import { returnLoan, type ReturnEvent } from "./loan-return.ts";
import { arrangeFleet, startFleetTest, type FleetTest } from "./fleet-testing.ts";

let f: FleetTest;
beforeEach(async () => {
  f = await startFleetTest();
  await arrangeFleet(f);
});
afterEach(async () => {
  await f?.close();
});

const managedSerials = async () => ((await f.t.graph("GET", "/v1.0/deviceManagement/managedDevices")).body.value as { serialNumber: string }[]).map((d) => d.serialNumber);
const registeredSerials = async () => ((await f.t.graph("GET", "/v1.0/deviceManagement/windowsAutopilotDeviceIdentities")).body.value as { serialNumber: string }[]).map((d) => d.serialNumber);
const passwordChanged = async (upn: string) => (await f.t.graph("GET", `/v1.0/users/${upn}?$select=lastPasswordChangeDateTime`)).body.lastPasswordChangeDateTime as string;

describe("returnLoan", { timeout: 60_000 }, () => {
  it("rotate-on-return + onReturn wipe → passwords rotated, wipe requested, the managed device gone once the tenant's clock moves, Autopilot kept, in stock", async () => {
    await shipLoan(f.ctx, { serial: "HL2-000201", clientId: "northwind" });
    const upn = f.ctx.blueprint.clients[1]!.accounts[0]!.userPrincipalName;
    const before = await passwordChanged(upn);
    await f.ctx.wait(60_000);
    const events: ReturnEvent[] = [];
    const back = await returnLoan(f.ctx, "HL2-000201", { pollMs: 5_000 }, (e) => events.push(e));
    expect(back.reset).toBe("wiped");
    expect(back.device.state).toBe("in-stock");
    expect(back.loan).toMatchObject({ state: "returned", clientId: "northwind" });
    expect(back.rotated.map((r) => r.upn)).toEqual([upn]);
    expect(Date.parse(await passwordChanged(upn))).toBeGreaterThan(Date.parse(before));
    expect(events[0]).toMatchObject({ type: "wipe-requested" });
    expect(events.some((e) => e.type === "waiting")).toBe(true); // the wipe was pending first
    expect(await managedSerials()).not.toContain("HL2-000201");
    expect(await registeredSerials()).toContain("HL2-000201");
    const actions = (await f.store.events.list({ subjectType: "device", subjectId: "HL2-000201" })).map((e) => e.action);
    expect(actions.slice(-5)).toEqual(["loan.return", "loan.start-reset", "device.wipe-requested", "device.wipe-completed", "loan.restock"]);
    expect((await f.store.passwordRotations.list({ upn })).map((r) => r.reason)).toEqual(["rotate-on-return"]);
  });

  it("the wait ends before the wipe → resetting (HF8113); running return again finishes the reset without a second wipe", async () => {
    await shipLoan(f.ctx, { serial: "HL2-000301", clientId: "tailspin", until: "2099-01-01" });
    const first = await returnLoan({ ...f.ctx, wait: async () => {} }, "HL2-000301", { pollMs: 1_000, timeoutMs: 2_000 });
    expect(first).toMatchObject({ reset: "wipe pending", device: { state: "resetting" } });
    expect(first.diagnostics.map((d) => d.code)).toEqual(["HF8113"]);
    await f.ctx.wait(60_000);
    const events: ReturnEvent[] = [];
    const second = await returnLoan(f.ctx, "HL2-000301", { pollMs: 5_000 }, (e) => events.push(e));
    expect(second).toMatchObject({ reset: "wiped", loan: null, rotated: [], device: { state: "in-stock" } });
    expect(events.some((e) => e.type === "wipe-requested")).toBe(false);
  });

  it("loans.onReturn none → no wipe, the managed device stays, back in stock at once", async () => {
    const ctx = { ...f.ctx, blueprint: { ...f.ctx.blueprint, loans: { onReturn: "none" as const, supportContact: null } } };
    await shipLoan(ctx, { serial: "HL2-000102", clientId: "fabrikam" });
    const back = await returnLoan(ctx, "HL2-000102");
    expect(back).toMatchObject({ reset: "not-wiped (loans.onReturn: none)", device: { state: "in-stock" } });
    expect(await managedSerials()).toContain("HL2-000102");
  });

  it("returned, then lent to another client → the new loan rotates the accounts (client changed) even under rotate-on-return", async () => {
    await shipLoan(f.ctx, { serial: "HL2-000101", clientId: "fabrikam" });
    await returnLoan(f.ctx, "HL2-000101", { pollMs: 20_000 });
    const again = await prepareLoan(f.ctx, { serial: "HL2-000101", clientId: "tailspin", until: "2099-06-30" });
    expect(again.rotated.map((r) => r.rotation.reason)).toEqual(["client-changed"]);
    expect(again.loan.clientId).toBe("tailspin");
  });

  it("a device in stock → HF8106, nothing wiped", async () => {
    await expect(returnLoan(f.ctx, "HL2-000101")).rejects.toBeInstanceOf(UserError);
    expect(await managedSerials()).toContain("HL2-000101");
  });
});
