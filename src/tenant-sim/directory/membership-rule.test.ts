import { describe, expect, it } from "vitest";
import { MAX_RULE_LENGTH, MembershipRuleError, parseMembershipRule } from "./membership-rule.ts";

describe("parseMembershipRule", () => {
  it("the Autopilot group-tag rule → quantified comparison on devicePhysicalIds", () => {
    const rule = parseMembershipRule('(device.devicePhysicalIds -any _ -eq "[OrderID]:179887111881")');
    expect(rule.object).toBe("device");
    expect(rule.expr).toEqual({
      type: "quantified",
      quantifier: "any",
      property: { scope: "device", name: "devicePhysicalIds", at: 1 },
      predicate: { type: "compare", op: "eq", value: "[OrderID]:179887111881", property: { scope: "_", name: null, at: 31 } },
    });
  });

  it("parenthesised predicate and -startsWith → same shape", () => {
    const rule = parseMembershipRule('(device.devicePhysicalIDs -any (_ -startsWith "[ZTDid]"))');
    expect(rule.expr.type).toBe("quantified");
    if (rule.expr.type !== "quantified") return;
    expect(rule.expr.predicate).toMatchObject({ type: "compare", op: "startsWith", value: "[ZTDid]" });
  });

  it("-and binds tighter than -or; -not binds tighter than -and", () => {
    const rule = parseMembershipRule('user.city -eq "A" -or user.city -eq "B" -and -not user.department -eq "C"');
    expect(rule.expr).toMatchObject({
      type: "or",
      left: { type: "compare", value: "A" },
      right: { type: "and", left: { type: "compare", value: "B" }, right: { type: "not", expr: { type: "compare", value: "C" } } },
    });
  });

  it("chains of -or and of -and group from the left", () => {
    const cmp = (value: string) => ({ type: "compare", value });
    expect(parseMembershipRule('user.city -eq "A" -or user.city -eq "B" -or user.city -eq "C"').expr).toMatchObject({
      type: "or",
      left: { type: "or", left: cmp("A"), right: cmp("B") },
      right: cmp("C"),
    });
    expect(parseMembershipRule('user.city -eq "A" -and user.city -eq "B" -and user.city -eq "C"').expr).toMatchObject({
      type: "and",
      left: { type: "and", left: cmp("A"), right: cmp("B") },
      right: cmp("C"),
    });
  });

  it("a parenthesised -any predicate takes a whole expression; without parentheses, one comparison", () => {
    const grouped = parseMembershipRule('device.devicePhysicalIds -any (_ -startsWith "[ZTDid]" -or _ -eq "[OrderID]:A")');
    expect(grouped.expr).toMatchObject({ type: "quantified", predicate: { type: "or", left: { op: "startsWith" }, right: { op: "eq" } } });
    const bare = parseMembershipRule('device.devicePhysicalIds -any _ -eq "[OrderID]:A" -and device.accountEnabled -eq true');
    expect(bare.expr).toMatchObject({ type: "and", left: { type: "quantified", predicate: { type: "compare", value: "[OrderID]:A" } }, right: { type: "compare", value: true } });
  });

  it("parentheses override precedence", () => {
    const rule = parseMembershipRule('user.country -eq "US" -and (user.department -eq "Marketing" -or user.department -eq "Sales")');
    expect(rule.expr).toMatchObject({ type: "and", right: { type: "or" } });
  });

  it("operators without the hyphen and with the docs' en dash → accepted", () => {
    expect(parseMembershipRule('user.city eq "Lagos"').expr).toMatchObject({ op: "eq" });
    expect(parseMembershipRule('user.department –eq "Marketing" –and user.country –eq "US"').expr).toMatchObject({ type: "and" });
  });

  it("operator names are case-insensitive", () => {
    expect(parseMembershipRule('device.displayName -STARTSWITH "HL"').expr).toMatchObject({ op: "startsWith" });
  });

  it("backtick-escaped double quotes and doubled single quotes → literal quotes", () => {
    expect(parseMembershipRule('user.department -eq "Sales `"East`""').expr).toMatchObject({ value: 'Sales "East"' });
    expect(parseMembershipRule("user.department -in ['O''Brien', 'X']").expr).toMatchObject({ op: "in", value: ["O'Brien", "X"] });
  });

  it("null, booleans and numbers → typed values", () => {
    expect(parseMembershipRule("user.mail -ne null").expr).toMatchObject({ value: null });
    expect(parseMembershipRule("device.accountEnabled -eq true").expr).toMatchObject({ value: true });
    expect(parseMembershipRule("user.department -eq 42").expr).toMatchObject({ value: 42 });
  });

  it("-in takes a bracketed list", () => {
    expect(parseMembershipRule('user.department -in ["50001","50002"]').expr).toMatchObject({ op: "in", value: ["50001", "50002"] });
  });

  const invalid: [string, string, RegExp][] = [
    ["mixing user and device", 'user.city -eq "A" -and device.displayName -eq "B"', /both user and device/],
    ["unknown operator", 'user.city -like "A"', /Unknown operator '-like'/],
    ["unquoted string", "user.city -eq Lagos", /must be quoted/],
    ["missing closing paren", '(user.city -eq "A"', /Expected '\)'/],
    ["trailing tokens", 'user.city -eq "A" "B"', /after the end/],
    ["unterminated string", 'user.city -eq "A', /Unterminated/],
    ["unterminated single-quoted string", "user.city -in ['A", /Unterminated/],
    ["a string that ends on an escaped quote", 'user.city -eq "A`"', /Unterminated/],
    ["empty rule", "   ", /empty/],
    ["dateTime operator", "user.employeeHireDate -ge system.now", /dateTime/],
    ["no object property", '_ -eq "x"', /no user or device/],
    ["bad property form", 'city -eq "x"', /object\.property/],
  ];
  for (const [name, text, message] of invalid) {
    it(`${name} → MembershipRuleError`, () => {
      expect(() => parseMembershipRule(text)).toThrow(MembershipRuleError);
      expect(() => parseMembershipRule(text)).toThrow(message);
    });
  }

  it("reports the offset of the offending token", () => {
    try {
      parseMembershipRule('user.city -like "A"');
      expect.unreachable();
    } catch (e) {
      expect((e as MembershipRuleError).at).toBe(10);
    }
  });

  it("a rule longer than 3,072 characters → rejected", () => {
    const long = `user.city -eq "${"a".repeat(MAX_RULE_LENGTH)}"`;
    expect(() => parseMembershipRule(long)).toThrow(/limit is 3072/);
  });
});
