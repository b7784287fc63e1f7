import { describe, expect, it } from "vitest";
import { compileMembershipRule } from "./evaluate-membership-rule.ts";
import { MembershipRuleError } from "./membership-rule.ts";

const hololens = {
  id: "0b8c6b5e-1111-4c4c-9999-000000000001",
  deviceId: "d1",
  displayName: "HL-0001",
  operatingSystem: "Windows",
  operatingSystemVersion: "10.0.22621.1133",
  accountEnabled: true,
  trustType: "AzureAd",
  physicalIds: ["[ZTDId]:7d7b5a8c-0000-4000-8000-000000000001", "[OrderID]:ClientA", "[HWID]:h:6966043157271240"],
};
const laptop = { ...hololens, id: "x2", displayName: "LT-1", physicalIds: ["[HWID]:h:1"], accountEnabled: false };

describe("compileMembershipRule", () => {
  it("group-tag rule → matches only the device with that [OrderID]", () => {
    const rule = compileMembershipRule('(device.devicePhysicalIds -any _ -eq "[OrderID]:ClientA")');
    expect(rule.object).toBe("device");
    expect(rule.matches(hololens)).toBe(true);
    expect(rule.matches({ ...hololens, physicalIds: ["[OrderID]:ClientB"] })).toBe(false);
    expect(rule.matches(laptop)).toBe(false);
  });

  it("all-Autopilot rule with -startsWith ignores case ([ZTDid] vs [ZTDId])", () => {
    const rule = compileMembershipRule('(device.devicePhysicalIDs -any (_ -startsWith "[ZTDid]"))');
    expect(rule.matches(hololens)).toBe(true);
    expect(rule.matches(laptop)).toBe(false);
  });

  it("-contains on items → partial string match", () => {
    const rule = compileMembershipRule('(device.devicePhysicalIDs -any _ -contains "[ZTDId]")');
    expect(rule.matches(hololens)).toBe(true);
    expect(rule.matches(laptop)).toBe(false);
  });

  it("-all → every item must match; an empty collection satisfies -all", () => {
    const rule = compileMembershipRule('device.devicePhysicalIds -all (_ -startsWith "[")');
    expect(rule.matches(hololens)).toBe(true);
    expect(rule.matches({ ...hololens, physicalIds: ["[A]", "B"] })).toBe(false);
    expect(rule.matches({ ...hololens, physicalIds: [] })).toBe(true);
  });

  it("-and / -or / parentheses combine device rules", () => {
    const rule = compileMembershipRule(
      '(device.devicePhysicalIds -any _ -eq "[OrderID]:ClientA" -or device.displayName -startsWith "LT") -and device.accountEnabled -eq true',
    );
    expect(rule.matches(hololens)).toBe(true);
    expect(rule.matches(laptop)).toBe(false); // disabled
    expect(rule.matches({ ...laptop, accountEnabled: true })).toBe(true);
  });

  it("device attribute names map to Graph properties (deviceOSType → operatingSystem, objectId → id)", () => {
    expect(compileMembershipRule('device.deviceOSType -eq "windows"').matches(hololens)).toBe(true);
    expect(compileMembershipRule('device.deviceOSVersion -startsWith "10.0.2"').matches(hololens)).toBe(true);
    expect(compileMembershipRule('device.deviceTrustType -eq "AzureAD"').matches(hololens)).toBe(true);
    expect(compileMembershipRule(`device.objectId -eq "${hololens.id}"`).matches(hololens)).toBe(true);
    expect(compileMembershipRule("device.objectId -ne null").matches(hololens)).toBe(true);
  });

  it("user rules: -eq, -ne null, -in, -notIn, -match, -not", () => {
    const user = { id: "u1", department: "Sales", city: "Lagos", mail: null, userType: "Member", usageLocation: "DE" };
    expect(compileMembershipRule('user.department -eq "sales"').matches(user)).toBe(true);
    expect(compileMembershipRule("user.mail -eq null").matches(user)).toBe(true);
    expect(compileMembershipRule("user.mail -ne null").matches(user)).toBe(false);
    expect(compileMembershipRule('user.city -in ["Abuja","lagos"]').matches(user)).toBe(true);
    expect(compileMembershipRule('user.city -notIn ["Abuja","lagos"]').matches(user)).toBe(false);
    expect(compileMembershipRule('user.city -match "^La.*"').matches(user)).toBe(true);
    expect(compileMembershipRule('user.city -notMatch "^La.*"').matches(user)).toBe(false);
    expect(compileMembershipRule('(user.department -eq "Sales") -and -not (user.city -startsWith "Ab")').matches(user)).toBe(true);
    expect(compileMembershipRule('user.city -ne "Lagos"').matches(user)).toBe(false);
    expect(compileMembershipRule('user.city -notStartsWith "La"').matches(user)).toBe(false);
    expect(compileMembershipRule('user.city -endsWith "OS"').matches(user)).toBe(true);
    expect(compileMembershipRule('user.city -notContains "ago"').matches(user)).toBe(false);
  });

  it("assignedPlans -any with element properties", () => {
    const user = { id: "u1", assignedPlans: [{ servicePlanId: "c1ec4a95-1f05-45b3-a911-aa3fa01094f5", capabilityStatus: "Enabled", service: "SCO" }] };
    const rule = compileMembershipRule('user.assignedPlans -any (assignedPlan.service -eq "SCO" -and assignedPlan.capabilityStatus -eq "Enabled")');
    expect(rule.matches(user)).toBe(true);
    expect(rule.matches({ id: "u2", assignedPlans: [] })).toBe(false);
  });

  it("a comparison directly on a string collection → any item", () => {
    const rule = compileMembershipRule('user.otherMails -startsWith "ops@"');
    expect(rule.matches({ otherMails: ["x@a", "ops@b"] })).toBe(true);
    expect(rule.matches({ otherMails: ["x@a"] })).toBe(false);
    expect(compileMembershipRule('user.otherMails -ne "x@a"').matches({ otherMails: ["x@a", "y@b"] })).toBe(false);
  });

  const invalid: [string, string, RegExp][] = [
    ["unknown device attribute", 'device.colour -eq "red"', /not a supported device property/],
    ["-any on a single-valued attribute", 'device.displayName -any _ -eq "x"', /not multi-valued/],
    ["'_' outside -any", 'device.displayName -eq "x" -and _ -eq "y"', /only valid inside/],
    ["invalid regex", 'user.city -match "("', /not a valid regular expression/],
    ["nested -any", 'device.devicePhysicalIds -any (device.systemLabels -any _ -eq "x")', /cannot be nested/],
  ];
  for (const [name, text, message] of invalid) {
    it(`${name} → MembershipRuleError`, () => {
      expect(() => compileMembershipRule(text)).toThrow(MembershipRuleError);
      expect(() => compileMembershipRule(text)).toThrow(message);
    });
  }
});
