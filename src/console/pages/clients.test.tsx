import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { arrangeProgramAccounts, startFleetTest, type FleetTest } from "../../operations/fleet-testing.ts";
import { OPERATOR, seedExample, startPagesTest, type PagesTest } from "./pages-testing.ts";

let t: PagesTest;

describe("clients page", () => {
  afterEach(async () => {
    await t?.close();
  });

  it("each client of the blueprint → its accounts, devices on loan, overdue ones in red, and open findings", async () => {
    t = await startPagesTest();
    await seedExample(t, 10, 6);
    const { status, text } = await t.get("/clients");
    expect(status).toBe(200);
    // Six loans in turn to fabrikam, northwind, tailspin, due from day 1 to 6: all overdue on 2026-03-15.
    expect(text).toMatch(/<a href="\/clients\/fabrikam">Fabrikam Energy<\/a> <span class="meta">\(fabrikam\)<\/span><\/th><td class="n">2<\/td><td class="n">2<\/td><td class="n alarm">2 overdue<\/td><td class="n">(\d+)<\/td>/);
    expect(text).toMatch(/<a href="\/clients\/tailspin">Tailspin Toys<\/a> <span class="meta">\(tailspin\)<\/span><\/th><td class="n">1<\/td><td class="n">2<\/td>/);
    // Fabrikam's findings: its two devices' app-control, restricted-apps and browser failures.
    expect(Number(/clients\/fabrikam[\s\S]*?<td class="n">(\d+)<\/td><\/tr>/.exec(text)![1])).toBe(6);
  });

  it("no audit yet → the findings column says so", async () => {
    t = await startPagesTest({ audit: null });
    expect((await t.get("/clients")).text).toContain("no audit yet");
  });
});

describe("client page (reads the tenant)", () => {
  let f: FleetTest;
  beforeAll(async () => {
    f = await startFleetTest();
    await arrangeProgramAccounts(f);
  }, 60_000);
  afterAll(async () => {
    await f?.close();
  });
  afterEach(async () => {
    await t?.close();
  });

  it("a client with a loan longer than the password's life → each account's last change and expiry, 'expires during the loan' in red, its device on loan", async () => {
    t = await startPagesTest({ fleet: f, now: new Date() });
    const northwind = f.ctx.blueprint.clients.find((c) => c.id === "northwind")!;
    const upn = northwind.accounts[0]!.userPrincipalName;
    await f.store.clients.put({ id: "northwind", displayName: northwind.displayName }, "cli:test");
    await f.store.accounts.put({ upn, clientId: "northwind" }, "cli:test");
    await f.store.devices.add([{ serial: "HL2-000201" }], "cli:test");
    const back = new Date(Date.now() + 120 * 86_400_000).toISOString();
    await f.store.loans.transition({ serial: "HL2-000201", action: "prepare", expected: { state: "in-stock", version: 1 }, input: { clientId: "northwind", accountUpns: [upn], expectedReturn: back } }, "cli:test");

    const { status, text } = await t.get("/clients/northwind");
    expect(status).toBe(200);
    expect(text).toContain("<h1>Client Northwind Traders</h1>");
    const today = new Date().toISOString().slice(0, 10);
    const expires = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const row = text.slice(text.indexOf(upn), text.indexOf("</tr>", text.indexOf(upn)));
    expect(row).toContain(`<td>${today}</td><td>never</td><td>${expires}</td>`);
    expect(row).toContain(`HL2-000201, back ${back.slice(0, 10)}`);
    expect(row).toContain('<td class="alarm">expires during the loan</td>');
    expect(text).toMatch(/<th scope="row"><a href="\/devices\/HL2-000201">HL2-000201<\/a><\/th><td><span class="state state-prepared">prepared<\/span><\/td><td>not yet<\/td>/);
    expect(text).not.toContain('action="/passwords/rotate"');
  }, 30_000);

  it("an operator → a rotate-password form per account asking for its confirmation page (GET), with the UPN", async () => {
    t = await startPagesTest({ fleet: f, now: new Date() });
    const fabrikam = f.ctx.blueprint.clients.find((c) => c.id === "fabrikam")!;
    const { text } = await t.get("/clients/fabrikam", OPERATOR);
    const forms = [...text.matchAll(/<form method="get" action="\/passwords\/rotate"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1]!);
    expect(forms).toHaveLength(fabrikam.accounts.length);
    for (const [i, account] of fabrikam.accounts.entries()) {
      expect(forms[i]).not.toContain("_csrf");
      expect(forms[i]).toContain(`<input type="hidden" name="upn" value="${account.userPrincipalName}"/>`);
      expect(forms[i]).toContain(`aria-label="Rotate the password of ${account.userPrincipalName}"`);
    }
    // Findings that affect Fabrikam (from the audit of the example): its devices' failures.
    expect(text).toContain("app-control/require-enforced-policy");
    expect(text).not.toContain("HL2-000201)");
  }, 30_000);

  it("an account missing from the tenant → 'not in the tenant'; an unknown client → 404", async () => {
    t = await startPagesTest({ fleet: f, now: new Date() });
    expect((await t.get("/clients/nobody")).status).toBe(404);
    const upn = f.ctx.blueprint.clients.find((c) => c.id === "tailspin")!.accounts[0]!.userPrincipalName;
    const user = await f.t.graph("GET", `/v1.0/users/${encodeURIComponent(upn)}`);
    expect((await f.t.graph("DELETE", `/v1.0/users/${user.body.id}`)).status).toBe(204);
    const tailspin = await t.get("/clients/tailspin");
    expect(tailspin.status).toBe(200);
    const row = tailspin.text.slice(tailspin.text.indexOf(upn), tailspin.text.indexOf("</tr>", tailspin.text.indexOf(upn)));
    expect(row).toContain("<td>not in the tenant</td><td>never</td><td>never</td>");
  }, 30_000);
});
