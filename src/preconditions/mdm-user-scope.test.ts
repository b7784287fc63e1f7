import { describe, expect, it } from "vitest";
import { INTUNE_MDM_APPLICATION_ID } from "../compile/preconditions/tenant-preconditions.ts";
import { evaluateMdmUserScope } from "./mdm-user-scope.ts";

const CLIENTS = "11111111-1111-4111-8111-111111111111";
const condition = { type: "mdmUserScope" as const, mdmApplicationId: INTUNE_MDM_APPLICATION_ID, includedGroup: { $ref: "group.clients" } };
const ids = (address: string) => (address === "group.clients" ? CLIENTS : undefined);
const intune = (fields: Record<string, unknown>) => ({ value: [{ id: INTUNE_MDM_APPLICATION_ID, displayName: "Microsoft Intune", includedGroups: [], ...fields }] });

describe("evaluateMdmUserScope", () => {
  it.each([
    ["scope All", intune({ appliesTo: "all" }), ids, "satisfied"],
    ["scope Some with the clients group", intune({ appliesTo: "selected", includedGroups: [{ id: "aaaaaaaa-0000-4000-8000-000000000000" }, { id: CLIENTS.toUpperCase() }] }), ids, "satisfied"],
    ["scope Some without it", intune({ appliesTo: "selected", includedGroups: [{ id: "aaaaaaaa-0000-4000-8000-000000000000" }] }), ids, "unsatisfied"],
    ["scope Some before the clients group exists", intune({ appliesTo: "selected", includedGroups: [] }), () => undefined, "unsatisfied"],
    ["scope None", intune({ appliesTo: "none" }), ids, "unsatisfied"],
    ["no Intune policy", { value: [{ id: "other", displayName: "Other MDM", appliesTo: "all" }] }, ids, "unsatisfied"],
    ["scope Some, groups not expanded", { value: [{ id: INTUNE_MDM_APPLICATION_ID, displayName: "Microsoft Intune", appliesTo: "selected" }] }, ids, "unknown"],
    ["a page with more to read", { value: [], "@odata.nextLink": "https://graph.microsoft.com/beta/x?$skiptoken=1" }, ids, "unknown"],
    ["not a collection", { id: "x" }, ids, "unknown"],
  ] as const)("%s → %s", (_name, body, idOf, status) => {
    expect(evaluateMdmUserScope(condition, body, idOf).status).toBe(status);
  });

  it("the reason names the policy and what is missing", () => {
    const result = evaluateMdmUserScope(condition, intune({ appliesTo: "selected", includedGroups: [] }), ids);
    expect(result.reason).toBe(`Microsoft Intune's MDM user scope is Some and leaves out group.clients (${CLIENTS})`);
    expect(result.evidence).toMatchObject({ appliesTo: "selected", includedGroups: [], requiredGroupId: CLIENTS });
  });
});
