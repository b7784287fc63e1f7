import { describe, expect, it } from "vitest";
import { enumMembers, hasCsdlReference, typeProperties } from "../conformance/csdl.ts";
import { COMPLIANCE_ENUMS, WINDOWS_COMPLIANCE, WINDOWS_COMPLIANCE_PROPERTIES, createCompliancePolicyDoc, parseScheduledActions } from "./compliance-policy-body.ts";
import { statusOf } from "./graph-error-of.ts";

const block = [{ ruleName: null, scheduledActionConfigurations: [{ actionType: "block" }] }];
const w = { version: "v1.0" as const, id: "p", now: new Date("2026-11-29T10:00:00Z") };

describe.skipIf(!hasCsdlReference())("the compliance tables against the v1.0 CSDL", () => {
  it("declares exactly the CSDL's windows10CompliancePolicy properties, with its nullability", () => {
    const own = [...typeProperties(WINDOWS_COMPLIANCE, "v1.0")!].filter(([name, p]) => !p.navigation && !typeProperties("deviceCompliancePolicy", "v1.0")!.has(name));
    expect(Object.keys(WINDOWS_COMPLIANCE_PROPERTIES).sort()).toEqual(own.map(([n]) => n).sort());
    for (const [name, p] of own) expect(WINDOWS_COMPLIANCE_PROPERTIES[name]!.nullable, name).toBe(p.nullable);
  });

  it("lists the enum members in the CSDL's order", () => {
    for (const [name, members] of Object.entries(COMPLIANCE_ENUMS)) expect(enumMembers(name, "v1.0"), name).toEqual([...members]);
  });
});

describe("compliance bodies", () => {
  it("one rule with one block action → parsed, an empty template id read as none", () => {
    const [rule] = parseScheduledActions([{ ruleName: "PasswordRequired", scheduledActionConfigurations: [{ actionType: "block", notificationTemplateId: "" }, { actionType: "notification", gracePeriodHours: 24 }] }]);
    expect(rule!.scheduledActionConfigurations.map((a) => [a.actionType, a.gracePeriodHours, a.notificationTemplateId])).toEqual([
      ["block", 0, "00000000-0000-0000-0000-000000000000"],
      ["notification", 24, "00000000-0000-0000-0000-000000000000"],
    ]);
  });

  it("wrong values → 400; null for a non-nullable property → 400", () => {
    const base = { "@odata.type": `#${WINDOWS_COMPLIANCE}`, displayName: "x", scheduledActionsForRule: block };
    expect(statusOf(() => createCompliancePolicyDoc(base, w))).toBeUndefined();
    expect(statusOf(() => createCompliancePolicyDoc({ ...base, passwordMinimumLength: 4.5 }, w))).toBe(400);
    expect(statusOf(() => createCompliancePolicyDoc({ ...base, bitLockerEnabled: null }, w))).toBe(400);
    expect(statusOf(() => createCompliancePolicyDoc({ ...base, displayName: " " }, w))).toBe(400);
    expect(statusOf(() => createCompliancePolicyDoc({ ...base, scheduledActionsForRule: [{ scheduledActionConfigurations: [{ actionType: "explode" }] }] }, w))).toBe(400);
  });
});
