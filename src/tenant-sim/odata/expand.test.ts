import { describe, expect, it } from "vitest";
import { GraphGatewayError } from "./select.ts";
import { checkExpand, expandedNames, expansionsOf, parseExpand } from "./expand.ts";

const q = (expand: string) => new URLSearchParams({ $expand: expand });

describe("parseExpand", () => {
  it("names, nested $expand and $select inside parentheses", () => {
    expect(parseExpand(q("assignments,scheduledActionsForRule($expand=scheduledActionConfigurations)"))).toEqual([
      { name: "assignments", expand: [] },
      { name: "scheduledActionsForRule", expand: [{ name: "scheduledActionConfigurations", expand: [] }] },
    ]);
    expect(parseExpand(q("settings($select=id;$expand=settingDefinitions)"))).toEqual([{ name: "settings", select: ["id"], expand: [{ name: "settingDefinitions", expand: [] }] }]);
    expect(parseExpand(new URLSearchParams())).toEqual([]);
    expect(expandedNames(q("a,b($expand=c)"))).toEqual(["a", "b"]);
  });

  it("unbalanced parentheses or an unsupported nested option → Graph's 400", () => {
    expect(() => parseExpand(q("assignments("))).toThrow(GraphGatewayError);
    expect(() => parseExpand(q("assignments($filter=id eq 'x')"))).toThrow(/does not support '\$filter' inside \$expand/);
  });
});

describe("checkExpand and expansionsOf", () => {
  const expanders = { assignments: (parent: Record<string, unknown>) => ({ value: [{ id: `${String(parent.id)}_a`, _internal: 1 }], contextPath: `things('${String(parent.id)}')/assignments` }) };

  it("matches names in any letter case to the schema's, refuses unknown and unexpanded navigations", () => {
    expect(checkExpand(parseExpand(q("ASSIGNMENTS")), "microsoft.graph.deviceCompliancePolicy", "v1.0", expanders)[0]!.name).toBe("assignments");
    expect(() => checkExpand(parseExpand(q("nope")), "microsoft.graph.deviceCompliancePolicy", "v1.0", expanders)).toThrow("Could not find a property named 'nope' on type 'microsoft.graph.deviceCompliancePolicy'.");
    expect(() => checkExpand(parseExpand(q("userStatuses")), "microsoft.graph.deviceCompliancePolicy", "v1.0", expanders)).toThrow("does not expand 'userStatuses'");
  });

  it("adds each expansion with its @odata.context, internal fields stripped", () => {
    expect(expansionsOf({ id: "p1" }, [{ name: "assignments", expand: [] }], expanders, "https://h/v1.0/$metadata")).toEqual({
      "assignments@odata.context": "https://h/v1.0/$metadata#things('p1')/assignments",
      assignments: [{ id: "p1_a" }],
    });
  });
});
