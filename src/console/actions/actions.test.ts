import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrangeFleet } from "../../operations/fleet-testing.ts";
import { pdfText } from "../../operations/pdf-text.testing.ts";
import { startConsoleTest, type ConsoleTest } from "../console-testing.ts";

let t: ConsoleTest;
let op: { cookie: string; csrf: string };

beforeAll(async () => {
  t = await startConsoleTest();
  await arrangeFleet(t.f);
  op = await t.signIn("olivia", await t.addUser("olivia", "operator"));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const managedSerials = async () => ((await t.f.t.graph("GET", "/v1.0/deviceManagement/managedDevices")).body.value as { serialNumber: string }[]).map((d) => d.serialNumber);

describe("console actions through the operations layer", { timeout: 120_000 }, () => {
  it("ship then return HL2-000201 to northwind → store and tenant changed, the event log names console:olivia, the new passwords shown once only", async () => {
    const confirm = await t.request("/loans/ship?serial=HL2-000201&client=northwind", { cookie: op.cookie });
    expect(confirm.status).toBe(200);
    const confirmText = await confirm.text();
    expect(confirmText).toContain("Ship HL2-000201 to");
    expect(confirmText).toContain('action="/loans/ship"');
    expect(await t.f.store.loans.list({ serial: "HL2-000201" })).toEqual([]);

    const shipped = await t.post("/loans/ship", { _csrf: op.csrf, serial: "HL2-000201", client: "northwind" }, op.cookie);
    expect(shipped.status).toBe(200);
    expect(shipped.headers.get("Cache-Control")).toBe("no-store");
    const shipText = await shipped.text();
    const loan = (await t.f.store.loans.list({ serial: "HL2-000201" }))[0]!;
    expect(loan).toMatchObject({ clientId: "northwind", state: "open" });
    expect((await t.f.store.devices.get("HL2-000201"))!.state).toBe("shipped");
    expect(shipText).toContain(`/loans/${loan.id}/handoff.pdf`);

    const pdf = await t.request(`/loans/${loan.id}/handoff.pdf`, { cookie: op.cookie });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const sheet = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(sheet).toContain("HL2-000201");
    expect(sheet).toContain(loan.accountUpns[0]!);

    const returnConfirm = await (await t.request("/loans/return?serial=HL2-000201", { cookie: op.cookie })).text();
    expect(returnConfirm).toContain("wiped through Intune");
    expect(returnConfirm).toContain("rotate-on-return");

    const back = await t.post("/loans/return", { _csrf: op.csrf, serial: "HL2-000201" }, op.cookie);
    expect(back.status).toBe(200);
    const backText = await back.text();
    expect(backText).toContain("back in stock");
    expect((await t.f.store.devices.get("HL2-000201"))!.state).toBe("in-stock");
    expect(await managedSerials()).not.toContain("HL2-000201");

    // The new password is in that one response and nowhere else: not in the event log, the store, the pages after it, the PDF.
    const passwords = [...backText.matchAll(/<code class="password">([^<]+)<\/code>/g)].map((m) => m[1]!);
    expect(passwords.length).toBe(loan.accountUpns.length);
    const events = await t.f.store.events.list();
    const later = [await (await t.request("/loans/return?serial=HL2-000201", { cookie: op.cookie })).text(), await (await t.request("/devices/HL2-000201", { cookie: op.cookie })).text(), sheet];
    const db = readFileSync(join(t.f.dir, "fleet.sqlite")).toString("latin1");
    for (const p of passwords) {
      expect(JSON.stringify(events)).not.toContain(p);
      for (const page of later) expect(page).not.toContain(p);
      expect(db).not.toContain(p);
    }

    const mine = events.filter((e) => e.actor === "console:olivia").map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(["loan.prepare", "loan.ship", "loan.return", "password.rotated", "device.wipe-requested"]));
  });

  it("shipping a device that is already out → 409 with the code and fix, no stack trace", async () => {
    await t.post("/loans/ship", { _csrf: op.csrf, serial: "HL2-000101", client: "fabrikam" }, op.cookie);
    const again = await t.post("/loans/prepare", { _csrf: op.csrf, serial: "HL2-000101", client: "contoso-x" }, op.cookie);
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("HF8201");
    const twice = await t.post("/loans/prepare", { _csrf: op.csrf, serial: "HL2-000101", client: "fabrikam" }, op.cookie);
    expect(twice.status).toBe(409);
    const text = await twice.text();
    expect(text).toContain("HF8106");
    expect(text).not.toMatch(/at .+\.ts:\d+/);
  });

  it("a bad until date → 422 and nothing changed", async () => {
    const res = await t.post("/loans/prepare", { _csrf: op.csrf, serial: "HL2-000301", client: "fabrikam", until: "next tuesday" }, op.cookie);
    expect(res.status).toBe(422);
    expect(await t.f.store.loans.list({ serial: "HL2-000301" })).toEqual([]);
  });

  it("rotate a password → shown once; the rotation recorded without it", async () => {
    const upn = t.f.ctx.blueprint.clients[0]!.accounts[0]!.userPrincipalName;
    expect((await t.request(`/passwords/rotate?upn=${encodeURIComponent(upn)}`, { cookie: op.cookie })).status).toBe(200);
    const res = await t.post("/passwords/rotate", { _csrf: op.csrf, upn }, op.cookie);
    expect(res.status).toBe(200);
    const password = /<code class="password">([^<]+)<\/code>/.exec(await res.text())![1]!;
    expect(password.length).toBe(t.f.ctx.blueprint.passwords.length);
    const rotations = await t.f.store.passwordRotations.list({ upn });
    expect(rotations.at(-1)).toMatchObject({ rotatedBy: "console:olivia", reason: "manual" });
    expect(JSON.stringify(await t.f.store.events.list())).not.toContain(password);
  });

  it("run an audit → the summary, an audit.run event with counts only", async () => {
    const res = await t.post("/audit/run", { _csrf: op.csrf }, op.cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/\d+ fail, \d+ manual, \d+ pass/);
    const run = (await t.f.store.events.list()).filter((e) => e.action === "audit.run").at(-1)!;
    expect(run.actor).toBe("console:olivia");
    expect(Object.keys(run.after as object).sort()).toEqual(["byStatus", "failuresBySeverity", "takenAt", "total"]);
    expect(t.deps.audits.latest()).not.toBeNull();
  });
});
