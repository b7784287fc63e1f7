import { afterEach, describe, expect, it } from "vitest";
import { CSRF, OPERATOR, seedExample, startPagesTest, type PagesTest } from "./pages-testing.ts";

let t: PagesTest;
afterEach(async () => {
  await t?.close();
});

/** The text of the table whose caption starts with `caption`. */
const table = (html: string, caption: string) => {
  const at = html.indexOf(`<caption`, html.indexOf(caption) - 80);
  return html.slice(at, html.indexOf("</table>", at));
};

describe("overview page", () => {
  it("an audited fleet → posture by concern as chart data and as a table with the same numbers", async () => {
    t = await startPagesTest();
    await seedExample(t, 5);
    const { status, text } = await t.get("/");
    expect(status).toBe(200);
    const chart = /<div id="posture-chart"[^>]*data-chart="([^"]*)"/.exec(text);
    expect(chart).not.toBeNull();
    const data = JSON.parse(chart![1]!.replaceAll("&quot;", '"')) as { labels: string[]; series: { name: string; data: number[] }[] };
    const appControl = data.labels.indexOf("app-control");
    expect(data.series.find((s) => s.name === "Fail")!.data[appControl]).toBe(3);
    // The table says the same: app-control, 3 failing.
    expect(table(text, "Audit results by concern")).toMatch(/<a href="\/findings\?concern=app-control">app-control<\/a><\/th><td class="n alarm">3<\/td>/);
  });

  it("devices by state → chart and table counts from the store", async () => {
    t = await startPagesTest();
    await seedExample(t, 12, 4);
    const states = table((await t.get("/")).text, "Devices by state");
    expect(states).toContain("Devices by state (12 devices)");
    expect(states).toMatch(/in-stock<\/a><\/th><td class="n">8<\/td>/);
    expect(states).toMatch(/shipped<\/a><\/th><td class="n">2<\/td>/);
    expect(states).toMatch(/at-client<\/a><\/th><td class="n">2<\/td>/);
  });

  it("loans past their return → listed as overdue in red with the days; loans due within 7 days → listed as due this week", async () => {
    // Loans i are due on day 1 + i from 2026-03-01 09:00; the console's now is 2026-03-15 12:00.
    t = await startPagesTest();
    await seedExample(t, 30, 30);
    const { text } = await t.get("/");
    const overdue = table(text, "past the expected return");
    expect(overdue).toContain("14 devices past the expected return");
    expect(overdue).toMatch(/<tr class="alarm"><th scope="row"><a href="\/devices\/HL2-000001">HL2-000001<\/a>/);
    expect(overdue).toContain("overdue 13 days");
    const due = table(text, "due back in the next 7 days");
    expect(due).toContain("7 loans due back in the next 7 days");
    expect(due).toContain("HL2-000015");
    expect(due).not.toContain("HL2-000022");
  });

  it("the last audit and the last apply from the event log → their times and who ran them", async () => {
    t = await startPagesTest();
    await t.store.events.append({ actor: "cli:alice", action: "apply.run", subjectType: "tenant", subjectId: "t", after: { applied: 2, failed: 0, skipped: 0 } });
    const { text } = await t.get("/");
    expect(text).toContain("2026-03-15 08:00 UTC by otto (console) — 9 failures in 111 results");
    expect(text).toContain("2026-03-01 09:00 UTC by alice (cli)");
  });

  it("no audit and no apply yet → says so, no posture chart", async () => {
    t = await startPagesTest({ audit: null });
    const { text } = await t.get("/");
    expect(text).toContain("No audit yet: run one to see the posture.");
    expect(text).toContain("No apply recorded");
    expect(text).not.toContain("posture-chart");
  });

  it("a viewer → no form to run an audit; an operator → the form, posting the CSRF token", async () => {
    t = await startPagesTest();
    expect((await t.get("/")).text).not.toContain('action="/audit/run"');
    const { text } = await t.get("/", OPERATOR);
    expect(text).toMatch(new RegExp(`<form method="post" action="/audit/run"[^>]*><input type="hidden" name="_csrf" value="${CSRF}"/>`));
  });
});
