/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core, with a fresh profile and
 * every background service off. The page must load with no console error and no network request (its CSP
 * allows none), show its charts and grid, and the test keeps a screenshot under test/artifacts/ (git-ignored).
 * Without Chromium the test fails in CI (`.ci/run` installs it) and is skipped, saying why, elsewhere.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { renderHtml } from "./html.ts";
import { reportFixture } from "./testing.ts";

const CHROMIUM = process.env.HOLOFLEET_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = fileURLToPath(new URL("../../test/artifacts/", import.meta.url));
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const available = existsSync(CHROMIUM);

describe("HTML report in headless Chromium", () => {
  if (!available && !process.env.CI) {
    it.skip(`SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set HOLOFLEET_CHROMIUM)`, () => {});
    return;
  }

  it("opens with no console error and no network request; charts, grid and findings render; screenshot kept", async () => {
    if (!available) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs Debian's chromium package`);
    const work = mkdtempSync(path.join(tmpdir(), "holofleet-report-"));
    const { result, meta } = reportFixture();
    const file = path.join(work, "audit.html");
    writeFileSync(file, renderHtml(result, meta));
    const pageUrl = pathToFileURL(file).href;
    const context = await chromium.launchPersistentContext(path.join(work, "profile"), { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 } });
    try {
      const problems: string[] = [];
      const requests: string[] = [];
      context.on("request", (req) => requests.push(req.url()));
      const page = context.pages()[0] ?? (await context.newPage());
      page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(msg.text());
      });
      page.on("pageerror", (err) => problems.push(err.message));
      await page.goto(pageUrl, { waitUntil: "load" });
      expect(await page.title()).toBe("holofleet audit — contoso.onmicrosoft.com");
      expect(await page.locator("svg").count()).toBe(2);
      expect(await page.locator(".grid tr").count()).toBe(4);
      expect(await page.locator("article.finding.fail").count()).toBe(result.summary.byStatus.fail);
      // The hostile device name is text, not markup.
      expect(await page.locator(".grid th[scope=row]", { hasText: "<script>" }).count()).toBe(1);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, "audit-report.png"), fullPage: true });
      expect(problems).toEqual([]);
      expect(requests).toEqual([pageUrl]);
    } finally {
      await context.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
