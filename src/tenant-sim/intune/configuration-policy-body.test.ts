import { describe, expect, it } from "vitest";
import { enumMembers, hasCsdlReference, typeProperties } from "../conformance/csdl.ts";
import { CONFIGURATION_POLICY_ENUMS, SETTING_INSTANCE_TYPES, createConfigurationPolicyDoc, patchConfigurationPolicyDoc } from "./configuration-policy-body.ts";
import { statusOf } from "./graph-error-of.ts";

const now = new Date("2026-11-29T10:00:00Z");

describe.skipIf(!hasCsdlReference())("the settings catalog tables against the beta type mappings", () => {
  it("holds each enum's members", () => {
    for (const [name, members] of Object.entries(CONFIGURATION_POLICY_ENUMS)) expect([...members].sort(), name).toEqual([...enumMembers(name, "beta")!].sort());
  });

  it("names only setting instance types beta declares", () => {
    for (const type of SETTING_INSTANCE_TYPES) expect(typeProperties(type, "beta"), type).toBeDefined();
  });
});

describe("settings catalog bodies", () => {
  it("a minimal policy → defaults: no platform or technology, the Default scope tag, no template, no settings", () => {
    expect(createConfigurationPolicyDoc({ name: "x" }, { id: "p", now })).toMatchObject({ platforms: "none", technologies: "none", roleScopeTagIds: ["0"], templateReference: { templateId: "", templateFamily: "none" }, _settings: [], description: "" });
  });

  it("flags enums take several members; a PATCH keeps what it may not change", () => {
    const doc = createConfigurationPolicyDoc({ name: "x", platforms: "windows10", technologies: "mdm,microsoftSense" }, { id: "p", now });
    expect(doc.technologies).toBe("mdm,microsoftSense");
    expect(statusOf(() => patchConfigurationPolicyDoc(doc, { technologies: "mdm" }, now))).toBe(400);
    expect(statusOf(() => patchConfigurationPolicyDoc(doc, { technologies: "mdm,microsoftSense", name: "y" }, now))).toBeUndefined();
    expect(statusOf(() => patchConfigurationPolicyDoc(doc, { templateReference: { templateId: "other" } }, now))).toBe(400);
  });
});
