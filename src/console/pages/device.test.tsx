import { afterEach, describe, expect, it } from "vitest";
import { OPERATOR, startPagesTest, type PagesTest } from "./pages-testing.ts";

let t: PagesTest;
afterEach(async () => {
  await t?.close();
});

const FABRIKAM = ["fabrikam-shift-a@contoso.onmicrosoft.com", "fabrikam-shift-b@contoso.onmicrosoft.com"];

/** HL2-000101 (a device of the audited example) lent to Fabrikam until 2026-03-10, and HL2-000999 in stock. */
async function arrange(): Promise<void> {
  const { store } = t;
  await store.clients.put({ id: "fabrikam", displayName: "Fabrikam Energy" }, "cli:setup");
  for (const upn of FABRIKAM) await store.accounts.put({ upn, clientId: "fabrikam" }, "cli:setup");
  await store.devices.add([{ serial: "HL2-000101", model: "HoloLens 2" }, { serial: "HL2-000999" }], "cli:setup");
  t.setStoreNow(new Date("2026-03-02T10:00:00.000Z"));
  const prepared = await store.loans.transition({ serial: "HL2-000101", action: "prepare", expected: { state: "in-stock", version: 1 }, input: { clientId: "fabrikam", accountUpns: FABRIKAM, expectedReturn: "2026-03-10T00:00:00Z" } }, "console:otto");
  t.setStoreNow(new Date("2026-03-03T10:00:00.000Z"));
  await store.loans.transition({ serial: "HL2-000101", action: "ship", expected: { state: "prepared", version: prepared.device.version } }, "console:otto");
}

describe("device page", () => {
  it("a lent device → its state, its client, overdue in red with the days, its loan and its events newest first", async () => {
    t = await startPagesTest();
    await arrange();
    const { status, text } = await t.get("/devices/HL2-000101");
    expect(status).toBe(200);
    expect(text).toContain("<h1>Device HL2-000101</h1>");
    expect(text).toContain('<span class="state state-shipped">shipped</span>');
    expect(text).toMatch(/<dd class="alarm"><a href="\/clients\/fabrikam">Fabrikam Energy<\/a>, due back 2026-03-10 — overdue 5 days<\/dd>/);
    expect(text).toMatch(/<tr class="alarm"><th scope="row">#1<\/th><td>Fabrikam Energy<\/td><td>open \(overdue\)<\/td><td>2026-03-02<\/td><td>2026-03-03<\/td>/);
    const events = [...text.matchAll(/<th scope="row"><code>([^<]+)<\/code><\/th>/g)].map((m) => m[1]);
    expect(events).toEqual(["loan.ship", "loan.prepare", "device.added"]);
    expect(text).toContain("otto (console)");
  });

  it("the latest audit → the profiles that reach it and through which group, and its failing findings with evidence and fix", async () => {
    t = await startPagesTest();
    await arrange();
    const { text } = await t.get("/devices/HL2-000101");
    const posture = text.slice(text.indexOf('id="posture"'), text.indexOf('id="findings"'));
    expect(posture).toContain("From the audit of 2026-03-15 08:00 UTC.");
    expect(posture).toMatch(/profiles? reach HL-0001/);
    expect(posture).toMatch(/<th scope="row">[^<]*kiosk[^<]*<\/th>/i);
    expect(posture).toMatch(/\(device\)<\/li>/);
    const findings = text.slice(text.indexOf('id="findings"'), text.indexOf('id="loans"'));
    expect(findings).toContain("app-control/require-enforced-policy");
    expect(findings).toContain("<b>Fix:</b>");
    expect(findings).toContain("<summary>Evidence</summary>");
    expect(findings).not.toContain("HL2-000102");
  });

  it("a viewer → no action form; an operator → the forms its state allows, each with the CSRF token and the serial", async () => {
    t = await startPagesTest();
    await arrange();
    expect((await t.get("/devices/HL2-000101")).text).not.toContain('action="/loans/');
    const lent = (await t.get("/devices/HL2-000101", OPERATOR)).text;
    expect(lent).toContain('action="/loans/return"');
    expect(lent).not.toContain('action="/loans/prepare"');
    expect(lent).not.toContain('action="/loans/ship"');
    const stock = (await t.get("/devices/HL2-000999", OPERATOR)).text;
    for (const path of ["/loans/prepare", "/loans/ship"]) {
      const form = stock.slice(stock.indexOf(`action="${path}"`), stock.indexOf("</form>", stock.indexOf(`action="${path}"`)));
      // The form asks for the confirmation page (GET, nothing changes); only that page posts.
      expect(stock).toContain(`<form method="get" action="${path}"`);
      expect(form).not.toContain("_csrf");
      expect(form).toContain('<input type="hidden" name="serial" value="HL2-000999"/>');
      expect(form).toMatch(/<label for="(prepare|ship)-client">Client<\/label><select id="\1-client" name="client" required="">/);
      expect(form).toMatch(/<label for="(prepare|ship)-until">/);
    }
    expect(stock).not.toContain('action="/loans/return"');
  });

  it("no audit yet → the page says so instead of a posture", async () => {
    t = await startPagesTest({ audit: null });
    await arrange();
    expect((await t.get("/devices/HL2-000101")).text).toContain("No audit yet: run one to see which profiles reach this device.");
  });

  it("an unknown serial → 404 with a way back", async () => {
    t = await startPagesTest();
    const { status, text } = await t.get("/devices/HL2-NOPE");
    expect(status).toBe(404);
    expect(text).toContain("No device with serial HL2-NOPE is in the fleet.");
  });
});
