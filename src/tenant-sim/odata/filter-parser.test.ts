import { describe, expect, it } from "vitest";
import { FilterSyntaxError, analyzeFilter, parseFilter } from "./filter-parser.ts";
import { matchesFilter } from "./filter-eval.ts";

const users = [
  { id: "1", displayName: "O'Brien", userPrincipalName: "obrien@contoso.com", accountEnabled: true, usageLocation: "IE", assignedLicenses: [{ skuId: "6fd2c87f-b296-42f0-b197-1e91e994b900", disabledPlans: [] }], age: 41, manager: { displayName: "Ada" } },
  { id: "2", displayName: "Ada Lovelace", userPrincipalName: "ada@contoso.com", accountEnabled: false, usageLocation: null, assignedLicenses: [], age: 36, manager: null },
  { id: "3", displayName: "Grace", userPrincipalName: "grace@fabrikam.com", accountEnabled: true, usageLocation: "US", assignedLicenses: [], age: 85, groupTypes: ["DynamicMembership", "Unified"] },
];
const ids = (filter: string) => users.filter((u) => matchesFilter(parseFilter(filter), u)).map((u) => u.id);

describe("$filter", () => {
  it.each([
    ["displayName eq 'O''Brien'", ["1"]],
    ["userPrincipalName eq 'ADA@CONTOSO.COM'", ["2"]],
    ["startsWith(displayName,'ada')", ["2"]],
    ["endsWith(userPrincipalName,'@contoso.com')", ["1", "2"]],
    ["usageLocation in ('IE','US')", ["1", "3"]],
    ["usageLocation eq null", ["2"]],
    ["usageLocation ne null", ["1", "3"]],
    ["accountEnabled eq true and usageLocation eq 'US'", ["3"]],
    ["accountEnabled eq false or displayName eq 'Grace'", ["2", "3"]],
    ["not(accountEnabled eq true)", ["2"]],
    ["not startsWith(displayName,'A')", ["1", "3"]],
    ["assignedLicenses/any(x:x/skuId eq 6fd2c87f-b296-42f0-b197-1e91e994b900)", ["1"]],
    ["assignedLicenses/any(x:x/skuId eq 6FD2C87F-B296-42F0-B197-1E91E994B900)", ["1"]],
    ["assignedLicenses/any()", ["1"]],
    ["groupTypes/any(c:c eq 'DynamicMembership')", ["3"]],
    ["age gt 40 and age le 85", ["1", "3"]],
    ["manager/displayName eq 'Ada'", ["1"]],
    ["(displayName eq 'Grace' or displayName eq 'Ada Lovelace') and accountEnabled eq true", ["3"]],
  ])("%s", (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it("gives and precedence over or", () => {
    expect(ids("displayName eq 'Grace' or displayName eq 'O''Brien' and accountEnabled eq false")).toEqual(["3"]);
  });

  it("groups chains of and / or from the left", () => {
    const cmp = (value: string) => ({ kind: "compare", op: "eq", right: { kind: "literal", value } });
    expect(parseFilter("displayName eq 'a' or displayName eq 'b' or displayName eq 'c'")).toMatchObject({ kind: "or", left: { kind: "or", left: cmp("a"), right: cmp("b") }, right: cmp("c") });
    expect(parseFilter("displayName eq 'a' and displayName eq 'b' and displayName eq 'c'")).toMatchObject({ kind: "and", left: { kind: "and", left: cmp("a"), right: cmp("b") }, right: cmp("c") });
  });

  it.each(["displayName eq 'unterminated", "displayName eq", "eq 'x'", "displayName eq 'a' extra", "startsWith(displayName,'a'", "a/any(x x eq 1)"])(
    "rejects %j",
    (filter) => {
      expect(() => parseFilter(filter)).toThrow(FilterSyntaxError);
    },
  );

  it("reports the properties and operators a filter uses (for the advanced-query rules)", () => {
    const usage = analyzeFilter(parseFilter("assignedLicenses/any(x:x/skuId eq 6fd2c87f-b296-42f0-b197-1e91e994b900) and not(startsWith(mail,'a')) and companyName ne null"));
    expect([...usage.properties].sort()).toEqual(["assignedLicenses", "companyName", "mail"]);
    expect([...usage.operators].sort()).toEqual(["and", "any", "eq", "ne", "not", "startswith"]);
  });
});
