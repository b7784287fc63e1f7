import { afterEach, describe, expect, it } from "vitest";
import { OPERATOR, startPagesTest, type PagesTest } from "./pages-testing.ts";

let t: PagesTest;
afterEach(async () => {
  await t?.close();
});

/** Each finding's rule and subject, in order. */
const findings = (html: string) => [...html.matchAll(/<code>([a-z-]+\/[a-z-]+)<\/code> — <strong>([^<]+)<\/strong>/g)].map((m) => `${m[1]} ${m[2]}`);

describe("findings page", () => {
  it("no filter → the failing and manual findings of the latest audit, each with why, fix and evidence", async () => {
    t = await startPagesTest();
    const { status, text } = await t.get("/findings");
    expect(status).toBe(200);
    const all = findings(text);
    expect(all).toHaveLength(10);
    expect(all).toContain("passwords/no-expiry-during-loan tailspin-op01@contoso.onmicrosoft.com");
    expect(text.match(/<summary>Evidence<\/summary>/g)).toHaveLength(10);
    expect(text.match(/<b>Fix:<\/b>/g)).toHaveLength(9);
    expect(text).toContain("10 findings (fail and manual)");
  });

  it("concern, severity, client and status filters → only those, the choices kept selected", async () => {
    t = await startPagesTest();
    const appControl = await t.get("/findings?concern=app-control");
    expect(findings(appControl.text)).toEqual(["app-control/require-enforced-policy HL-0001 (HL2-000101)", "app-control/require-enforced-policy HL-0002 (HL2-000102)", "app-control/require-enforced-policy HL-0003 (HL2-000201)"]);
    expect(appControl.text).toContain('<option value="app-control" selected="">app-control</option>');
    expect(findings((await t.get("/findings?client=northwind")).text)).toEqual([
      "app-control/require-enforced-policy HL-0003 (HL2-000201)",
      "restricted-apps/require-blocked-apps HL-0003 (HL2-000201)",
      "chat-history/no-browser-with-sso HL-0003 (HL2-000201)",
    ]);
    expect(findings((await t.get("/findings?severity=low")).text)).toEqual([]);
    expect((await t.get("/findings?severity=low")).text).toContain("No finding matches.");
    expect(findings((await t.get("/findings?status=manual")).text)).toEqual(["passwords/no-expiry-during-loan tailspin-op01@contoso.onmicrosoft.com"]);
    expect(findings((await t.get("/findings?status=pass&concern=kiosk")).text).length).toBeGreaterThan(0);
  });

  it("a filter value the audit does not know → a notice, and that filter dropped", async () => {
    t = await startPagesTest();
    const { status, text } = await t.get("/findings?concern=teleportation&severity=urgent&client=acme");
    expect(status).toBe(200);
    expect(text).toContain("concern &quot;teleportation&quot; is not one the audit knows");
    expect(text).toContain("severity &quot;urgent&quot; is not one of high, medium, low, info");
    expect(text).toContain("client &quot;acme&quot; is not in the audited program");
    expect(findings(text)).toHaveLength(10);
  });

  it("every filter field has a label; the form is a GET (a filtered view is a link)", async () => {
    t = await startPagesTest();
    const { text } = await t.get("/findings");
    expect(text).toContain('<form method="get" action="/findings"');
    for (const id of ["f-concern", "f-severity", "f-client", "f-status"]) expect(text).toContain(`<label for="${id}">`);
  });

  it("no audit yet → says so; the run-audit form only for an operator", async () => {
    t = await startPagesTest({ audit: null });
    expect((await t.get("/findings")).text).toContain("No audit has run since the console started.");
    expect((await t.get("/findings")).text).not.toContain('action="/audit/run"');
    expect((await t.get("/findings", OPERATOR)).text).toContain('action="/audit/run"');
  });
});
