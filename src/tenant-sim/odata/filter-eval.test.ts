import { describe, expect, it } from "vitest";
import { matchesFilter } from "./filter-eval.ts";
import { parseFilter } from "./filter-parser.ts";

const matches = (filter: string, doc: object) => matchesFilter(parseFilter(filter), doc);

describe("matchesFilter", () => {
  it("date-times compare as instants, whatever their offset or fraction digits", () => {
    const doc = { at: "2026-11-30T08:00:00.000Z" };
    // As text "2026-11-30T08:30:00+01:00" sorts after the stored value; as an instant it is 07:30Z.
    expect(matches("at gt 2026-11-30T08:30:00+01:00", doc)).toBe(true);
    expect(matches("at le 2026-11-30T07:59:59.999999Z", doc)).toBe(false);
    expect(matches("at gt 2026-11-30T07:59:59.9999999Z and at le 2026-11-30T08:00:00.000001Z", doc)).toBe(true);
  });

  it("a type-cast segment → the property on that type, null on any other", () => {
    const store = { "@odata.type": "#microsoft.graph.microsoftStoreForBusinessApp", packageIdentityName: "Microsoft.MicrosoftRemoteAssist" };
    const lob = { "@odata.type": "#microsoft.graph.managedAndroidLobApp", appAvailability: "lineOfBusiness" };
    expect(matches("microsoft.graph.microsoftStoreForBusinessApp/packageIdentityName eq 'Microsoft.MicrosoftRemoteAssist'", store)).toBe(true);
    expect(matches("microsoft.graph.managedAndroidLobApp/appAvailability eq null", store)).toBe(true);
    expect(matches("microsoft.graph.managedAndroidLobApp/appAvailability eq 'lineOfBusiness'", lob)).toBe(true);
    expect(matches("microsoft.graph.microsoftStoreForBusinessApp/appAvailability eq 'lineOfBusiness'", lob)).toBe(false);
  });
});
