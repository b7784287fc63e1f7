import { afterEach, describe, expect, it } from "vitest";
import { seedExample, startPagesTest, type PagesTest } from "./pages-testing.ts";

let t: PagesTest;
afterEach(async () => {
  await t?.close();
});

/** The serials of the table's rows, in order. */
const rows = (html: string) => [...html.matchAll(/<tr[^>]*data-serial="([^"]+)"/g)].map((m) => m[1]);

describe("devices page", () => {
  it("120 devices → the first 50 in serial order, the count, and links to the next and last pages", async () => {
    t = await startPagesTest();
    const serials = await seedExample(t, 120);
    const { status, text } = await t.get("/devices");
    expect(status).toBe(200);
    expect(rows(text)).toEqual(serials.slice(0, 50));
    expect(text).toContain("Devices 1–50 of 120 (page 1 of 3)");
    expect(text).toContain('<a href="/devices?page=2" rel="next">');
    expect(text).toContain('<a href="/devices?page=3">Last »</a>');
    expect(text).not.toContain('rel="prev"');
    const last = await t.get("/devices?page=3");
    expect(rows(last.text)).toEqual(serials.slice(100));
    expect(last.text).toContain('<a href="/devices?page=2" rel="prev">');
  });

  it("filter by state, by client (the open loan's) and by serial text → only those devices; the filters stay in the links", async () => {
    t = await startPagesTest();
    await seedExample(t, 60, 6);
    // Loans go to the clients in turn (fabrikam, northwind, tailspin); even ones were delivered.
    expect(rows((await t.get("/devices?state=shipped")).text)).toEqual(["HL2-000002", "HL2-000004", "HL2-000006"]);
    const fabrikam = await t.get("/devices?client=fabrikam");
    expect(rows(fabrikam.text)).toEqual(["HL2-000001", "HL2-000004"]);
    expect(fabrikam.text).toContain('<option value="fabrikam" selected="">Fabrikam Energy</option>');
    expect(rows((await t.get("/devices?q=HL2-00005")).text)).toEqual(["HL2-000050", "HL2-000051", "HL2-000052", "HL2-000053", "HL2-000054", "HL2-000055", "HL2-000056", "HL2-000057", "HL2-000058", "HL2-000059"]);
    const sorted = await t.get("/devices?client=northwind&sort=state");
    expect(sorted.text).toContain('href="/devices?client=northwind&amp;sort=state&amp;dir=desc"');
    // The order rides with the filter form from inside the results, so an htmx swap of the results updates it.
    const fragment = await t.get("/devices?sort=model&dir=desc", undefined, { "HX-Request": "true", "HX-Target": "device-results" });
    expect(fragment.text).toContain('<input type="hidden" name="sort" value="model" form="device-filters"/><input type="hidden" name="dir" value="desc" form="device-filters"/>');
  });

  it("sort by serial descending, by client, by model → the order the store gives, the column marked aria-sort", async () => {
    t = await startPagesTest();
    await seedExample(t, 9, 3);
    const desc = await t.get("/devices?dir=desc");
    expect(rows(desc.text)[0]).toBe("HL2-000009");
    expect(desc.text).toMatch(/<th scope="col" aria-sort="descending"><a href="\/devices">Serial/);
    expect(rows((await t.get("/devices?sort=client")).text).slice(0, 3)).toEqual(["HL2-000001", "HL2-000002", "HL2-000003"]);
    // Models cycle HoloLens 2, HoloLens 2 Industrial Edition, none: none last.
    expect(rows((await t.get("/devices?sort=model")).text)).toEqual(["HL2-000001", "HL2-000004", "HL2-000007", "HL2-000002", "HL2-000005", "HL2-000008", "HL2-000003", "HL2-000006", "HL2-000009"]);
  });

  it("a device past its return → its row marked in red and saying overdue", async () => {
    t = await startPagesTest();
    await seedExample(t, 3, 1);
    const { text } = await t.get("/devices");
    expect(text).toMatch(/<tr class="alarm" data-serial="HL2-000001">/);
    expect(text).toContain("2026-03-02 (overdue)");
    expect(text).toMatch(/<tr data-serial="HL2-000002">/);
  });

  it("an htmx request for the results → only the results fragment, and the response varies on it", async () => {
    t = await startPagesTest();
    await seedExample(t, 5);
    const fragment = await t.get("/devices?state=in-stock", undefined, { "HX-Request": "true", "HX-Target": "device-results" });
    expect(fragment.text.startsWith('<div id="device-results"')).toBe(true);
    expect(fragment.text).not.toContain("<html");
    expect(rows(fragment.text)).toHaveLength(5);
    expect(fragment.headers.get("vary")).toContain("HX-Request");
    const full = await t.get("/devices?state=in-stock");
    expect(full.text).toContain("<html");
    expect(full.text).toContain('hx-get="/devices"');
  });

  it("values that are not choices → said in a notice, ignored, the page still served", async () => {
    t = await startPagesTest();
    await seedExample(t, 2);
    const { status, text } = await t.get("/devices?state=flying&client=acme&sort=colour&page=-2");
    expect(status).toBe(200);
    expect(text).toContain("state &quot;flying&quot; is not one of in-stock");
    expect(text).toContain("client &quot;acme&quot; is not in the blueprint");
    expect(text).toContain("sort &quot;colour&quot; is not one of serial");
    expect(text).toContain("page &quot;-2&quot; is not a page number");
    expect(rows(text)).toEqual(["HL2-000001", "HL2-000002"]);
  });

  it("a serial with markup → escaped in the table and in its link", async () => {
    t = await startPagesTest();
    await t.store.devices.add([{ serial: '<img src=x onerror="alert(1)">' }], "cli:test");
    const { text } = await t.get("/devices");
    expect(text).not.toContain("<img");
    expect(text).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(text).toContain('href="/devices/%3Cimg%20src%3Dx%20onerror%3D%22alert(1)%22%3E"');
  });

  it("10,000 devices → one page of 50 and the total (the store pages, the page does not)", async () => {
    t = await startPagesTest();
    await seedExample(t, 10_000, 100);
    const { text } = await t.get("/devices?page=200&sort=model&dir=desc");
    expect(rows(text)).toHaveLength(50);
    expect(text).toContain("Devices 9,951–10,000 of 10,000 (page 200 of 200)");
  }, 60_000);
});
