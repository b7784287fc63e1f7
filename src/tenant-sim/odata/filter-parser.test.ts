import { describe, expect, it } from "vitest";
import { FilterLimitError, FilterSyntaxError, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_NODES, analyzeFilter, parseFilter } from "./filter-parser.ts";
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

describe("$filter limits (deep or huge filters answer 400, never exhaust the stack)", () => {
  const clauses = (n: number) => Array.from({ length: n }, (_, i) => `displayName eq 'u${i}'`).join(" or ");

  it(`${MAX_FILTER_DEPTH} levels of parentheses parse and evaluate; 3,000 → FilterLimitError`, () => {
    const deep = (n: number) => "(".repeat(n) + "displayName eq 'Grace'" + ")".repeat(n);
    expect(ids(deep(MAX_FILTER_DEPTH))).toEqual(["3"]);
    expect(() => parseFilter(deep(MAX_FILTER_DEPTH + 1))).toThrow(FilterLimitError);
    expect(() => parseFilter(deep(3000))).toThrow("The recursion limit has been exceeded.");
  });

  it("5,000 nested not(…) and a deep lambda chain → FilterLimitError", () => {
    expect(() => parseFilter("not ".repeat(5000) + "accountEnabled eq true")).toThrow(FilterLimitError);
    expect(() => parseFilter("not(".repeat(5000) + "accountEnabled eq true" + ")".repeat(5000))).toThrow(FilterLimitError);
    const lambdas = (n: number) => "a/any(x:".repeat(n) + "x eq 1" + ")".repeat(n);
    expect(() => parseFilter(lambdas(5000))).toThrow(FilterLimitError);
  });

  it(`a filter of up to ${MAX_FILTER_NODES} nodes parses and evaluates; 60,000 or clauses → FilterLimitError`, () => {
    // 250 clauses: 250 comparisons of 3 nodes + 249 "or" nodes = 999.
    expect(ids(clauses(249) + " or displayName eq 'Grace'")).toEqual(["3"]);
    expect(() => parseFilter(clauses(251))).toThrow(`The node count limit of '${MAX_FILTER_NODES}' has been exceeded.`);
    expect(() => parseFilter(clauses(60_000))).toThrow(FilterLimitError);
    expect(() => parseFilter(`id in (${Array.from({ length: 2000 }, (_, i) => `'${i}'`).join(",")})`)).toThrow(FilterLimitError);
  });

  it(`a filter longer than ${MAX_FILTER_LENGTH} characters → FilterLimitError before it is read`, () => {
    expect(() => parseFilter(`displayName eq '${"x".repeat(MAX_FILTER_LENGTH)}'`)).toThrow(FilterLimitError);
    expect(parseFilter(`displayName eq '${"x".repeat(MAX_FILTER_LENGTH - 20)}'`).kind).toBe("compare");
  });

  it("tokenizes in linear time: a long string literal and many short tokens", () => {
    // With a quadratic tokenizer (a slice of the rest per token) these took minutes.
    expect(parseFilter(`displayName eq '${"o''".repeat(10_000)}'`).kind).toBe("compare");
    expect(() => parseFilter(clauses(1_500))).toThrow(FilterLimitError);
  });
});
