/**
 * The console in a real browser (Debian's Chromium through playwright-core) against a running console over
 * a test tenant with the example program applied and its devices imported and enrolled: sign-in both ways
 * (a local account, and Entra ID through the local tenant's own sign-in page), every page walked with no
 * console error (a CSP violation is one), a device shipped and returned through the forms, a viewer who
 * cannot act, a change without the CSRF token refused. Screenshots are kept under test/artifacts/
 * (git-ignored). Without Chromium the test fails in CI (`.ci/run` installs it) and is skipped elsewhere.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { arrangeFleet, cliWorkDir, startFleetTest, type FleetTest } from "../operations/fleet-testing.ts";
import { hashPassword } from "./auth/local-password.ts";
import { startConsole, type RunningConsole } from "./server.ts";

const CHROMIUM = process.env.HOLOFLEET_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("../../test/artifacts/", import.meta.url));
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const available = existsSync(CHROMIUM);
const ENTRA_PASSWORD = "Entra-Sign-In-42!";

let f: FleetTest;
let running: RunningConsole;
let context: BrowserContext;
let page: Page;
let work: string;
const passwords: Record<string, string> = {};
/** Console errors and page errors of the page being walked (a CSP violation is a console error). */
const problems: string[] = [];
/** Every request the browser made that did not go to loopback. */
const offLoopback: string[] = [];
let entraUpn = "";

async function screenshot(name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `console-${name}.png`), fullPage: true });
}

async function signIn(name: string): Promise<void> {
  await page.goto(`${running.url}login`);
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(passwords[name]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForLoadState("load");
  if (new URL(page.url()).pathname.startsWith("/login")) throw new Error(`sign-in of ${name} failed: ${page.url()} ${(await page.locator("main").textContent()) ?? ""}`);
}

async function signOut(): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/login"));
}

describe("the console in headless Chromium", () => {
  if (!available && !process.env.CI) {
    it.skip(`SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set HOLOFLEET_CHROMIUM)`, () => {});
    return;
  }

  beforeAll(async () => {
    if (!available) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs Debian's chromium package`);
    f = await startFleetTest();
    await arrangeFleet(f);
    const cwd = cliWorkDir(f);
    // An Entra ID person in the console operators' group that apply made for the example's mapping.
    entraUpn = `coordinator@${f.t.tenant.initialDomain}`;
    const person = await f.t.graph("POST", "/v1.0/users", { accountEnabled: true, displayName: "Coordinator", mailNickname: "coordinator", userPrincipalName: entraUpn, passwordProfile: { password: ENTRA_PASSWORD, forceChangePasswordNextSignIn: false } });
    expect(person.status).toBe(201);
    const group = (await f.t.graph("GET", "/v1.0/groups?$filter=uniqueName eq 'cfs-console-operators'")).body.value[0];
    expect(group, "apply made the console operators' group").toBeDefined();
    expect((await f.t.graph("POST", `/v1.0/groups/${group.id}/members/$ref`, { "@odata.id": `${f.t.baseUrl}/v1.0/directoryObjects/${person.body.id}` })).status).toBe(204);
    for (const [name, role] of [["ada", "admin"], ["vic", "viewer"]] as const) {
      passwords[name] = `${name}-Console-Pass-1!`;
      await f.store.consoleUsers.add({ name, role, passwordHash: await hashPassword(passwords[name]!, { N: 1024, r: 8, p: 1 }) }, "cli:test");
    }
    running = await startConsole({ blueprintFile: join(cwd, "holofleet.yaml"), cwd, env: { ...process.env, AZURE_TENANT_ID: "", AZURE_CLIENT_ID: "", DATABASE_URL: "" }, store: f.store, log: () => {} });
    await running.firstAudit;
    expect(running.deps.audits.latest(), "the console's first audit finished").not.toBeNull();

    work = mkdtempSync(path.join(tmpdir(), "holofleet-console-browser-"));
    // The local tenant's sign-in page is served with its own test CA, which this browser profile does not know.
    context = await chromium.launchPersistentContext(path.join(work, "profile"), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true, acceptDownloads: true });
    context.on("request", (req) => {
      const host = new URL(req.url()).hostname;
      if (host !== "127.0.0.1" && host !== "localhost") offLoopback.push(req.url());
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`${page.url()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`${page.url()}: ${err.message}`));
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await running?.close();
    await f?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("a local account signs in and walks every page: charts drawn, no console error, keyboard reachable, screenshots kept", async () => {
    await page.goto(running.url);
    expect(new URL(page.url()).pathname).toBe("/login");
    await screenshot("login");
    await signIn("ada");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Overview");
    // Chartist draws the charts from the page's data attributes (console.js): SVGs, not just the tables.
    await page.locator(".ct-chart-bar, .chart svg").first().waitFor({ state: "attached", timeout: 10_000 });
    await screenshot("overview");

    for (const [label, heading, name] of [
      ["Devices", "Devices", "devices"],
      ["Clients", "Clients", "clients"],
      ["Loans", "Loans", "loans"],
      ["Findings", "Findings", "findings"],
      ["Plan", "Plan", "plan"],
    ] as const) {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }).click();
      await page.waitForURL((u) => u.pathname === `/${name}`);
      expect(await page.locator("h1").textContent()).toBe(heading);
      expect(await page.getByRole("link", { name: label, exact: true }).getAttribute("aria-current")).toBe("page");
      await screenshot(name);
    }

    await page.goto(`${running.url}devices?state=in-stock`);
    await page.getByRole("link", { name: "HL2-000101" }).click();
    expect(await page.locator("h1").textContent()).toBe("Device HL2-000101");
    await screenshot("device");
    await page.goto(`${running.url}clients/fabrikam`);
    expect(await page.locator("h1").textContent()).toContain("Fabrikam");
    await screenshot("client");

    // The first Tab reaches the skip link, and it leads to the main content.
    await page.goto(running.url);
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Skip to content");
    // Every form field on the devices page has a label.
    await page.goto(`${running.url}devices`);
    // (A string: this file is type-checked without the DOM library.)
    const unlabelled = await page.evaluate(
      `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")].filter((el) => !el.labels?.length && !el.getAttribute("aria-label")).map((el) => el.outerHTML)`,
    );
    expect(unlabelled).toEqual([]);

    expect(problems).toEqual([]);
    expect(offLoopback).toEqual([]);
  }, 120_000);

  it("an operator ships a device through its form and the confirmation, downloads the handoff sheet, then takes it back", async () => {
    await page.goto(`${running.url}devices/HL2-000201`);
    const ship = page.locator("form.action-ship");
    await ship.getByLabel("Client", { exact: true }).selectOption("northwind");
    await ship.getByRole("button", { name: "Ship…" }).click();
    await page.waitForURL((u) => u.pathname === "/loans/ship");
    // The confirmation changed nothing yet.
    expect((await f.store.devices.get("HL2-000201"))!.state).toBe("in-stock");
    expect(await page.locator("h1").textContent()).toContain("Ship HL2-000201 to");
    await screenshot("ship-confirm");
    await page.getByRole("button", { name: "Ship the device" }).click();
    await page.getByRole("link", { name: /Download the handoff sheet/ }).waitFor();
    expect((await f.store.devices.get("HL2-000201"))!.state).toBe("shipped");
    await screenshot("ship-done");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the handoff sheet/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^HL2-000201-loan\d+\.pdf$/);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // The loan shows on the timeline, a picture (an SVG with its own title), not a table.
    await page.goto(`${running.url}loans`);
    expect(await page.locator("svg[role=img]", { hasText: "HL2-000201" }).count()).toBe(1);
    await screenshot("loans-timeline");

    await page.goto(`${running.url}devices/HL2-000201`);
    await page.locator("form.action-return").getByRole("button", { name: "Return…" }).click();
    await page.waitForURL((u) => u.pathname === "/loans/return");
    await page.getByRole("button", { name: /Take it back|Finish the return/ }).click();
    await page.locator("h1", { hasText: /HL2-000201 (is back in stock|returned; the wipe is pending)/ }).waitFor();
    // rotate-on-return: the client's new passwords are on this page once, and nowhere after it.
    const shown = await page.locator("code.password").allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    await screenshot("return-done");
    expect(["in-stock", "resetting"]).toContain((await f.store.devices.get("HL2-000201"))!.state);
    const actors = (await f.store.events.list({ subjectType: "device", subjectId: "HL2-000201" })).filter((e) => e.action.startsWith("loan.")).map((e) => e.actor);
    expect(new Set(actors)).toEqual(new Set(["console:ada"]));
    for (const url of [`${running.url}devices/HL2-000201`, `${running.url}clients/northwind`, `${running.url}loans`]) {
      await page.goto(url);
      const html = await page.content();
      for (const p of shown) expect(html).not.toContain(p);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("a change posted without the CSRF token → 403 and nothing changed", async () => {
    await page.goto(`${running.url}devices/HL2-000102`);
    const before = (await f.store.devices.get("HL2-000102"))!;
    const res = await page.request.post(`${running.url}loans/ship`, { form: { serial: "HL2-000102", client: "fabrikam" }, headers: { Origin: running.url.replace(/\/$/, "") }, maxRedirects: 0 });
    expect(res.status()).toBe(403);
    expect(await f.store.devices.get("HL2-000102")).toEqual(before);
    await signOut();
  }, 60_000);

  it("a viewer sees no action and a change they post anyway is refused (403), nothing changed", async () => {
    await signIn("vic");
    await page.goto(`${running.url}devices/HL2-000102`);
    expect(await page.locator('form[action^="/loans/"]').count()).toBe(0);
    await page.goto(`${running.url}clients/fabrikam`);
    expect(await page.locator('form[action="/passwords/rotate"]').count()).toBe(0);
    await screenshot("viewer-client");
    const csrf = await page.locator('form[action="/logout"] input[name=_csrf]').getAttribute("value");
    const before = (await f.store.devices.get("HL2-000102"))!;
    const res = await page.request.post(`${running.url}loans/ship`, { form: { _csrf: csrf!, serial: "HL2-000102", client: "fabrikam" }, headers: { Origin: running.url.replace(/\/$/, "") }, maxRedirects: 0 });
    expect(res.status()).toBe(403);
    expect(await f.store.devices.get("HL2-000102")).toEqual(before);
    await signOut();
  }, 60_000);

  it("a person signs in with Entra ID on the local tenant's sign-in page → an operator session under their UPN", async () => {
    await page.goto(`${running.url}login`);
    await page.getByRole("link", { name: "Sign in with Microsoft Entra ID" }).click();
    await page.waitForLoadState("load");
    if (!new URL(page.url()).pathname.endsWith("/oauth2/v2.0/authorize")) throw new Error(`not at the tenant's sign-in page: ${page.url()} ${await page.locator("body").textContent()}`);
    await screenshot("entra-sign-in");
    await page.getByLabel("Email or username").fill(entraUpn);
    await page.getByLabel("Password").fill(ENTRA_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    // Back on the console (the callback's page moves on to the overview by itself), signed in.
    await page.waitForURL((u) => u.origin === new URL(running.url).origin && u.pathname === "/");
    expect(await page.locator("h1").textContent()).toBe("Overview");
    expect(await page.locator(".signed-in").textContent()).toContain(`${entraUpn} (operator)`);
    await page.goto(`${running.url}devices/HL2-000102`);
    expect(await page.locator("form.action-ship").count()).toBe(1);
    await screenshot("entra-signed-in");
    const signIns = (await f.store.events.list({})).filter((e) => e.action === "console.sign-in").map((e) => e.actor);
    expect(signIns).toEqual(expect.arrayContaining(["console:ada", "console:vic", `console:${entraUpn}`]));
    expect(problems.filter((p) => !p.includes("/oauth2/")), problems.join("\n")).toEqual([]);
    expect(offLoopback).toEqual([]);
  }, 60_000);
});
