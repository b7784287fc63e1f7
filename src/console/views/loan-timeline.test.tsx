import { describe, expect, it } from "vitest";
import { LoanTimelineList, loanTimelineSvg, type TimelineLoan } from "./loan-timeline.tsx";

const NOW = new Date("2026-03-15T12:00:00.000Z");
const loan = (serial: string, clientName: string, start: string, expectedReturn: string): TimelineLoan => ({ serial, clientId: clientName.toLowerCase(), clientName, start, expectedReturn });
const svg = (loans: TimelineLoan[]) => String(loanTimelineSvg(loans, NOW));

/** The attributes of each element whose class is `cls`, in document order. */
function elements(text: string, cls: string): Record<string, string>[] {
  return [...text.matchAll(/<\w+((?:\s+[\w:-]+="[^"]*")*)\s*\/?>/g)]
    .map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])))
    .filter((a) => a.class === cls);
}
const num = (text: string, cls: string, name: string, i = 0) => Number(elements(text, cls)[i]![name]);

describe("loanTimelineSvg", () => {
  it("an image with a title and a description that counts loans and overdue ones", () => {
    const out = svg([loan("HL2-1", "Fabrikam", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"), loan("HL2-2", "Northwind", "2026-01-10T00:00:00Z", "2026-03-10T00:00:00Z")]);
    expect(out).toMatch(/^<svg[^>]*role="img"[^>]*aria-labelledby="timeline-title timeline-desc"/);
    expect(out).toContain('<title id="timeline-title">Loans over time');
    expect(out).toContain("2 devices on loan, 1 overdue, today 2026-03-15.");
  });

  it("an overdue loan → a red part from its due date to today, labelled with the days", () => {
    const out = svg([loan("HL2-2", "Northwind", "2026-01-10T00:00:00Z", "2026-03-10T00:00:00Z")]);
    expect(out).toMatch(/<g class="loan overdue" data-serial="HL2-2">/);
    expect(out).toContain('class="bar-overdue"');
    expect(out).toContain("overdue 5 d");
    // The red part runs from the due date to the today line.
    expect(num(out, "bar-overdue", "x") + num(out, "bar-overdue", "width")).toBeCloseTo(num(out, "today", "x1"), 0);
    expect(num(out, "bar-overdue", "x")).toBeCloseTo(num(out, "bar", "x") + num(out, "bar", "width"), 0);
  });

  it("a loan not yet due → no red part, no overdue label; the today line lies inside its bar", () => {
    const out = svg([loan("HL2-1", "Fabrikam", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")]);
    expect(out).not.toContain("bar-overdue");
    expect(out).not.toContain("overdue ");
    const today = num(out, "today", "x1");
    expect(today).toBeGreaterThan(num(out, "bar", "x"));
    expect(today).toBeLessThan(num(out, "bar", "x") + num(out, "bar", "width"));
  });

  it("a later due date → a longer bar; rows ordered by client, then due date", () => {
    const out = svg([loan("HL2-B", "Northwind", "2026-03-01T00:00:00Z", "2026-05-01T00:00:00Z"), loan("HL2-A", "Fabrikam", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")]);
    const widths = elements(out, "bar").map((a) => Number(a.width));
    expect(out.indexOf("HL2-A · Fabrikam")).toBeLessThan(out.indexOf("HL2-B · Northwind"));
    expect(widths[1]).toBeGreaterThan(widths[0]!);
  });

  it("names with markup → escaped, never markup", () => {
    const out = svg([loan("HL2-<b>", "A & <i>B</i>", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z")]);
    expect(out).toContain("HL2-&lt;b&gt; · A &amp; &lt;i&gt;B&lt;/i&gt;");
    expect(out).not.toContain("<i>");
  });

  it("no loans → a picture that says so", () => {
    expect(svg([])).toContain("No device is out on loan.");
  });

  it("LoanTimelineList → the same loans in words, overdue ones saying by how many days", () => {
    const out = String(<LoanTimelineList loans={[loan("HL2-2", "Northwind", "2026-01-10T00:00:00Z", "2026-03-10T00:00:00Z")]} now={NOW} />);
    expect(out).toContain('class="visually-hidden"');
    expect(out).toContain("HL2-2 at Northwind since 2026-01-10, due back 2026-03-10: overdue by 5 days");
  });
});
