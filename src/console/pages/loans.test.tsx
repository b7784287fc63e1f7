import { afterEach, describe, expect, it } from "vitest";
import { seedExample, startPagesTest, type PagesTest } from "./pages-testing.ts";

let t: PagesTest;
afterEach(async () => {
  await t?.close();
});

describe("loans page", () => {
  it("open loans → one timeline picture (role img, title), overdue rows red, a today line, the same in words; no table", async () => {
    t = await startPagesTest();
    // 20 loans due on days 1..20 after 2026-03-01 09:00; on 2026-03-15 12:00 the first 14 are overdue.
    await seedExample(t, 25, 20);
    const { status, text } = await t.get("/loans");
    expect(status).toBe(200);
    expect(text).toContain("20 devices out on loan");
    expect(text).toContain('<strong class="alarm">, 14 overdue</strong>');
    expect(text).toMatch(/<svg[^>]*class="timeline" role="img" aria-labelledby="timeline-title timeline-desc"/);
    expect(text).toContain("20 devices on loan, 14 overdue, today 2026-03-15.");
    expect(text.match(/<g class="loan overdue"/g)).toHaveLength(14);
    expect(text.match(/<g class="loan"/g)).toHaveLength(6);
    expect(text).toContain('class="today"');
    expect(text).toContain("HL2-000001 at Fabrikam Energy since 2026-03-01, due back 2026-03-02: overdue by 13 days");
    expect(text).not.toContain("<table");
  });

  it("no loans → the picture says none is out", async () => {
    t = await startPagesTest();
    await seedExample(t, 3);
    const { text } = await t.get("/loans");
    expect(text).toContain("0 devices out on loan");
    expect(text).toContain("No device is out on loan.");
  });
});
