import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { isolationBaselineNote } from "./baseline.ts";

describe("isolationBaselineNote", () => {
  const note = isolationBaselineNote(secureBlueprint());

  it("states the guide's baseline: no HoloLens-to-HoloLens calls, but clients can find each other", () => {
    expect(note).toContain("Remote Assist does not support HoloLens-to-HoloLens calls");
    expect(note).toContain("Clients **can** find each other");
  });

  it("claims no isolation it does not configure, and names the two stricter modes", () => {
    expect(note).toContain("holofleet configures nothing more");
    expect(note).toContain("`scoped-directory-search`");
    expect(note).toContain("`information-barriers`");
    expect(note).not.toMatch(/address book policy is|segments? (is|are) created/i);
  });

  it("says what the directory holds in each tenant model", () => {
    expect(note).toContain("staff");
    const guests = isolationBaselineNote(secureBlueprint({ tenant: { model: "service-tenant" }, experts: { access: "guests", addresses: ["ada@contoso.com"] } }));
    expect(guests).toContain("the client accounts and the experts holofleet\n  invites as guests");
    const federation = isolationBaselineNote(secureBlueprint({ tenant: { model: "service-tenant" }, experts: { access: "federation", addresses: ["ada@contoso.com"] } }));
    expect(federation).toContain("holds the client accounts only");
    expect(federation).toContain("Teams federation, by full address");
  });
});
