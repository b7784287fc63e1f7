/**
 * End to end, as an operator runs the fleet commands against the local tenant: 50 devices imported from a
 * hardware-hash CSV, devices shipped to the three clients, one returned (passwords rotated, wipe requested
 * and completed, the Autopilot registration kept) and shipped to another client. The event log tells the
 * story. Then every password the CLI showed — in the one place it is shown — is looked for everywhere
 * else: the other output, the fleet store's files, the event log, the handoff PDFs and their text.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteFleetStore } from "../../src/fleet/store/sqlite.ts";
import { AUTOPILOT_IMPORT_DELAY_MS } from "../../src/tenant-sim/intune/autopilot-import.ts";
import { REQUIRED_APP_ROLES } from "../../src/auth/required-permissions.ts";
import { applyProgram, cliWorkDir, holofleet, startFleetTest, type CliRun, type FleetTest } from "../../src/operations/fleet-testing.ts";
import { pdfText } from "../../src/operations/pdf-text.testing.ts";

let f: FleetTest;
let cwd: string;
const runs: CliRun[] = [];
const shown: string[] = [];

async function run(...args: string[]): Promise<CliRun> {
  const r = await holofleet(cwd, ...args);
  runs.push(r);
  return r;
}

/** Passwords the CLI showed on stdout (`upn<TAB>password` lines, or the password alone). */
function collectShown(r: CliRun): string[] {
  const found = r.stdout.split("\n").filter(Boolean).map((l) => l.split("\t").at(-1)!);
  shown.push(...found);
  return found;
}

const upn = (clientIndex: number, accountIndex = 0) => f.ctx.blueprint.clients[clientIndex]!.accounts[accountIndex]!.userPrincipalName;
const passwordChanged = async (u: string) => (await f.t.graph("GET", `/v1.0/users/${u}?$select=lastPasswordChangeDateTime`)).body.lastPasswordChangeDateTime as string;

beforeAll(async () => {
  // Exactly the least permissions docs/permissions.md lists, as a started local tenant holds them.
  f = await startFleetTest({ tenant: { tenant: { appRoles: REQUIRED_APP_ROLES } } });
  cwd = cliWorkDir(f);
  await applyProgram(f);
  // The example's four devices plus 46 more, each with a 3,000-byte made-up hash.
  const example = readFileSync(join(cwd, "devices.csv"), "utf8").trimEnd().split(/\r?\n/);
  const more = Array.from({ length: 46 }, (_, i) => `HL2-9${String(i).padStart(5, "0")},,${randomBytes(3000).toString("base64")},CFS-HL2`);
  writeFileSync(join(cwd, "fleet-50.csv"), [...example, ...more].join("\r\n") + "\r\n");
}, 120_000);
afterAll(async () => {
  await f?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe("fleet life cycle through the CLI", { timeout: 300_000 }, () => {
  it("import 50 devices, ship to three clients, return one, ship it to another; passwords never leak", async () => {
    // Devices in: pending first, registered once the tenant's clock has moved.
    expect((await run("fleet", "import", "fleet-50.csv", "--wait", "0")).code).toBe(2);
    await f.ctx.wait(AUTOPILOT_IMPORT_DELAY_MS);
    const imported = await run("fleet", "import", "fleet-50.csv");
    expect(imported.stderr).toContain("Autopilot: 50 registered, 0 failed, 0 pending");
    expect(imported.code).toBe(0);
    // The four example devices are powered on and enroll (attached to their imported registration).
    for (const line of readFileSync(join(cwd, "devices.csv"), "utf8").trim().split(/\r?\n/).slice(1)) {
      const [serialNumber, , hardwareHash] = line.split(",");
      expect((await f.t.sim("POST", "/devices", { serialNumber, hardwareHash, osVersion: "10.0.22621.1266", enroll: true })).status).toBe(201);
    }
    const listed = JSON.parse((await run("fleet", "list", "--json")).stdout) as { formatVersion: number; devices: { state: string; autopilotId: string | null }[] };
    expect(listed.devices).toHaveLength(50);
    expect(listed.devices.every((d) => d.state === "in-stock" && d.autopilotId)).toBe(true);

    // Ship to the three clients (tailspin has no loanDays: --until).
    expect((await run("loan", "ship", "--device", "HL2-000101", "--client", "fabrikam")).code).toBe(0);
    expect((await run("loan", "ship", "--device", "HL2-000201", "--client", "northwind")).code).toBe(0);
    const noUntil = await run("loan", "ship", "--device", "HL2-000301", "--client", "tailspin");
    expect(noUntil.code).toBe(1);
    expect(noUntil.stderr).toContain("HF8106");
    expect((await run("loan", "ship", "--device", "HL2-000301", "--client", "tailspin", "--until", "2099-12-31")).code).toBe(0);
    const open = await run("loan", "list", "--json");
    expect((JSON.parse(open.stdout) as { loans: { clientId: string }[] }).loans.map((l) => l.clientId).sort()).toEqual(["fabrikam", "northwind", "tailspin"]);

    // Return the northwind device: rotate-on-return, then the wipe (pending until the clock moves).
    const before = await passwordChanged(upn(1));
    await f.ctx.wait(60_000);
    const returning = await run("loan", "return", "--device", "HL2-000201", "--wait", "0");
    expect(returning.code).toBe(2);
    expect(returning.stderr).toContain("wipe requested");
    expect(collectShown(returning)).toHaveLength(1);
    expect(Date.parse(await passwordChanged(upn(1)))).toBeGreaterThan(Date.parse(before));
    const managed = async () => ((await f.t.graph("GET", "/v1.0/deviceManagement/managedDevices")).body.value as { serialNumber: string; managementState: string }[]);
    expect((await managed()).find((d) => d.serialNumber === "HL2-000201")?.managementState).toBe("wipePending");
    await f.ctx.wait(60_000);
    const finished = await run("loan", "return", "--device", "HL2-000201");
    expect(finished.code).toBe(0);
    expect(finished.stderr).toContain("HL2-000201: wiped; now in-stock");
    expect((await managed()).map((d) => d.serialNumber)).not.toContain("HL2-000201");
    const registered = (await f.t.graph("GET", "/v1.0/deviceManagement/windowsAutopilotDeviceIdentities")).body.value as { serialNumber: string }[];
    expect(registered.map((d) => d.serialNumber)).toContain("HL2-000201");

    // Ship it to another client: the client changed, so tailspin's account is rotated first, to a 0600 file.
    const secondTailspin = await run("loan", "ship", "--device", "HL2-000201", "--client", "tailspin", "--until", "2099-06-30", "--output", "tailspin.passwords");
    expect(secondTailspin.code).toBe(0);
    expect(statSync(join(cwd, "tailspin.passwords")).mode & 0o777).toBe(0o600);
    const fromFile = readFileSync(join(cwd, "tailspin.passwords"), "utf8").trim().split("\n").map((l) => l.split("\t"));
    expect(fromFile.map(([u]) => u)).toEqual([upn(2)]);
    shown.push(...fromFile.map(([, p]) => p!));
    expect(secondTailspin.stdout).toBe("");

    // A manual rotation, shown once on stdout.
    const manual = await run("passwords", "rotate", "--account", upn(0, 1));
    expect(manual.code).toBe(0);
    expect(collectShown(manual)).toHaveLength(1);

    // The event log tells the story of HL2-000201.
    const show = await run("fleet", "show", "HL2-000201", "--json");
    const actions = (JSON.parse(show.stdout) as { events: { action: string }[] }).events.map((e) => e.action);
    expect(actions).toEqual([
      "device.added",
      "device.allocated",
      "device.tenant-ids-updated",
      "loan.prepare",
      "loan.ship",
      "loan.handoff-sheet",
      "loan.return",
      "loan.start-reset",
      "device.wipe-requested",
      "device.wipe-completed",
      "loan.restock",
      "loan.prepare",
      "loan.ship",
      "loan.handoff-sheet",
    ]);
    const history = await run("loan", "show", "HL2-000201");
    expect(history.stdout).toMatch(/HL2-000201 +tailspin +open/);
    expect(history.stdout).toMatch(/HL2-000201 +northwind +returned/);

    // No password anywhere but where it was shown.
    expect(shown.length).toBe(3);
    const store = await openSqliteFleetStore({ file: join(cwd, ".holofleet", "fleet.sqlite") });
    const events = JSON.stringify(await store.events.list({ limit: 10_000 }));
    const rotations = JSON.stringify(await store.passwordRotations.list());
    await store.close();
    expect(JSON.parse(rotations)).toHaveLength(3);
    const handoffDir = join(cwd, ".holofleet", "handoff");
    const pdfs = readdirSync(handoffDir).map((n) => readFileSync(join(handoffDir, n)));
    expect(pdfs).toHaveLength(4);
    const pdfTexts = await Promise.all(pdfs.map((b) => pdfText(new Uint8Array(b))));
    expect(pdfTexts.every((t) => /HL2-\d+/.test(t))).toBe(true);
    const storeFiles = readdirSync(join(cwd, ".holofleet")).filter((n) => n.startsWith("fleet.sqlite")).map((n) => readFileSync(join(cwd, ".holofleet", n)));
    const elsewhere = [
      ...runs.map((r) => r.stderr),
      ...runs.filter((r) => r !== manual && r !== returning).map((r) => r.stdout),
      events,
      rotations,
      ...pdfTexts,
    ];
    for (const password of shown) {
      for (const text of elsewhere) expect(text.includes(password)).toBe(false);
      for (const bytes of [...storeFiles, ...pdfs]) expect(bytes.includes(Buffer.from(password))).toBe(false);
    }
  });
});
