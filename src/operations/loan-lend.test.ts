import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError, type Diagnostic } from "../diag/diagnostic.ts";
import { openSqliteFleetStore } from "../fleet/store/sqlite.ts";
import { isStoreError } from "../fleet/store/store-error.ts";
import { prepareLoan, shipLoan } from "./loan-lend.ts";
import { pdfText } from "./pdf-text.testing.ts";
import { arrangeFleet, startFleetTest, type FleetTest } from "./fleet-testing.ts";

let f: FleetTest;
beforeEach(async () => {
  f = await startFleetTest();
});
afterEach(async () => {
  await f?.close();
});

async function diagnosticsOf(p: Promise<unknown>): Promise<Diagnostic[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UserError) return err.diagnostics;
    throw err;
  }
  return [];
}

async function codesOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UserError) return err.diagnostics.map((d) => d.code ?? "");
    throw err;
  }
  return [];
}

describe("prepareLoan / shipLoan", { timeout: 60_000 }, () => {
  it("ship an in-stock device → prepared then shipped to the client with its listed accounts; the handoff PDF names device and accounts, no password", async () => {
    await arrangeFleet(f);
    const shipped = await shipLoan(f.ctx, { serial: "HL2-000201", clientId: "northwind" });
    expect(shipped.device.state).toBe("shipped");
    const upn = f.ctx.blueprint.clients[1]!.accounts[0]!.userPrincipalName;
    expect(shipped.loan).toMatchObject({ clientId: "northwind", accountUpns: [upn], state: "open" });
    // loanDays 30 for northwind
    expect(Date.parse(shipped.loan.expectedReturn) - Date.parse(shipped.loan.preparedAt)).toBeCloseTo(30 * 24 * 3600 * 1000, -4);
    // rotate-on-return and a first loan: nothing to rotate before shipping.
    expect(shipped.rotated).toEqual([]);
    const text = await pdfText(shipped.handoff!);
    expect(text).toContain("HL2-000201");
    expect(text).toContain(upn);
    expect(text).not.toMatch(/password:/i);
    const actions = (await f.store.events.list({ subjectType: "device", subjectId: "HL2-000201" })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["loan.prepare", "loan.ship", "loan.handoff-sheet"]));
  });

  it("reset-before-ship → every account of the loan gets a new password, recorded with the loan", async () => {
    await arrangeFleet(f);
    const ctx = { ...f.ctx, blueprint: { ...f.ctx.blueprint, passwords: { ...f.ctx.blueprint.passwords, policy: "reset-before-ship" as const } } };
    const prepared = await prepareLoan(ctx, { serial: "HL2-000101", clientId: "fabrikam", until: "2099-01-31" });
    expect(prepared.rotated.map((r) => r.upn)).toEqual(f.ctx.blueprint.clients[0]!.accounts.map((a) => a.userPrincipalName));
    expect(prepared.loan.expectedReturn).toBe("2099-01-31T23:59:59.999Z");
    const rotations = await f.store.passwordRotations.list();
    expect(rotations.map((r) => [r.reason, r.loanId])).toEqual([["reset-before-ship", prepared.loan.id], ["reset-before-ship", prepared.loan.id]]);
  });

  it("a disabled account, another outside its client's group, and a licence the accounts lack → HF8108 for each, the device stays in stock", async () => {
    await arrangeFleet(f);
    const [a, b] = f.ctx.blueprint.clients[0]!.accounts.map((x) => x.userPrincipalName);
    expect((await f.t.graph("PATCH", `/v1.0/users/${a}`, { accountEnabled: false })).status).toBe(204);
    const group = (await f.t.graph("GET", `/v1.0/groups?$filter=mailNickname eq 'cfs-client-fabrikam'`)).body.value[0];
    const other = (await f.t.graph("GET", `/v1.0/users/${b}?$select=id`)).body;
    expect((await f.t.graph("DELETE", `/v1.0/groups/${group.id}/members/${other.id}/$ref`)).status).toBe(204);
    const problems = await diagnosticsOf(shipLoan(f.ctx, { serial: "HL2-000101", clientId: "fabrikam" }));
    expect(problems.map((d) => d.code)).toEqual(["HF8108", "HF8108"]);
    expect(problems.map((d) => d.message)).toEqual([`${a}: the account is disabled`, expect.stringContaining(`${b}: the account is not in its client's group`)]);
    // Group licensing gives the licences; a SKU the program asks for that the tenant never had is lacked by all.
    const ctx = { ...f.ctx, blueprint: { ...f.ctx.blueprint, licensing: { ...f.ctx.blueprint.licensing, skus: [...f.ctx.blueprint.licensing.skus, "ENTERPRISEPACK"] } } };
    expect((await f.t.graph("PATCH", `/v1.0/users/${a}`, { accountEnabled: true })).status).toBe(204);
    const lacking = await diagnosticsOf(shipLoan(ctx, { serial: "HL2-000101", clientId: "fabrikam" }));
    expect(lacking.filter((d) => /lacks the licence\(s\) ENTERPRISEPACK/.test(d.message)).map((d) => d.code)).toEqual(["HF8108", "HF8108"]);
    expect((await f.store.devices.get("HL2-000101"))?.state).toBe("in-stock");
    expect(await f.store.loans.list()).toEqual([]);
  });

  it("a device below the OS baseline, or not registered in Autopilot → HF8109 from the audit's device rules, nothing changed", async () => {
    await arrangeFleet(f, { osVersion: { "HL2-000301": "10.0.20348.1432" } });
    const old = await diagnosticsOf(prepareLoan(f.ctx, { serial: "HL2-000301", clientId: "tailspin", until: "2099-01-01" }));
    expect(new Set(old.map((d) => d.code))).toEqual(new Set(["HF8109"]));
    // The audit's own rules judge the enrolled device: its build, and what that build cannot apply.
    expect(old.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("HL2-000301 fails os-baseline/require-baseline-build"),
        expect.stringContaining("HL2-000301 fails mdm-targeting/no-profile-errors"),
      ]),
    );
    await f.store.devices.add([{ serial: "HL2-UNREGISTERED" }], "cli:test");
    const unregistered = await diagnosticsOf(prepareLoan(f.ctx, { serial: "HL2-UNREGISTERED", clientId: "tailspin", until: "2099-01-01" }));
    expect(unregistered.map((d) => [d.code, d.message])).toEqual([["HF8109", "HL2-UNREGISTERED fails autopilot/require-registration: it is not registered in Windows Autopilot"]]);
    expect(await f.store.loans.list()).toEqual([]);
  });

  it("a device policy broken in the tenant (the kiosk profile unassigned) → HF8109 naming the audit's rule, for every device", async () => {
    await arrangeFleet(f);
    const profiles = (await f.t.graph("GET", "/beta/deviceManagement/deviceConfigurations?$select=id,displayName")).body.value as { id: string; displayName: string }[];
    const kiosk = profiles.find((p) => /kiosk/i.test(p.displayName));
    expect(kiosk).toBeDefined();
    expect((await f.t.graph("POST", `/beta/deviceManagement/deviceConfigurations/${kiosk!.id}/assign`, { assignments: [] })).status).toBe(200);
    const problems = await diagnosticsOf(prepareLoan(f.ctx, { serial: "HL2-000101", clientId: "fabrikam", until: "2099-01-01" }));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((d) => d.code === "HF8109")).toBe(true);
    expect(problems.map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^HL2-000101 fails kiosk\//)]));
    expect((await f.store.devices.get("HL2-000101"))?.state).toBe("in-stock");
  });

  it("unknown client, unknown device, a date in the past, a device already shipped → HF8110, HF8105, HF8106, HF8106", async () => {
    await arrangeFleet(f);
    expect(await codesOf(prepareLoan(f.ctx, { serial: "HL2-000101", clientId: "nobody" }))).toEqual(["HF8110"]);
    expect(await codesOf(prepareLoan(f.ctx, { serial: "NOPE", clientId: "fabrikam" }))).toEqual(["HF8105"]);
    expect(await codesOf(prepareLoan(f.ctx, { serial: "HL2-000101", clientId: "fabrikam", until: "2001-01-01" }))).toEqual(["HF8106"]);
    await shipLoan(f.ctx, { serial: "HL2-000101", clientId: "fabrikam" });
    expect(await codesOf(shipLoan(f.ctx, { serial: "HL2-000101", clientId: "fabrikam" }))).toEqual(["HF8106"]);
  });

  it("two operators ship one device at once (two store connections) → exactly one wins, the other gets a conflict or a refused transition", async () => {
    await arrangeFleet(f);
    const second = await openSqliteFleetStore({ file: join(f.dir, "fleet.sqlite") });
    try {
      const results = await Promise.allSettled([
        shipLoan({ ...f.ctx, actor: "cli:alice" }, { serial: "HL2-000102", clientId: "fabrikam" }),
        shipLoan({ ...f.ctx, store: second, actor: "cli:bob" }, { serial: "HL2-000102", clientId: "fabrikam" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(isStoreError(lost.reason, "conflict") || (lost.reason instanceof UserError && lost.reason.diagnostics[0]?.code === "HF8106")).toBe(true);
      const loans = await f.store.loans.list({ serial: "HL2-000102" });
      expect(loans).toHaveLength(1);
      expect((await f.store.devices.get("HL2-000102"))?.state).toBe("shipped");
    } finally {
      await second.close();
    }
  });
});
