/** `$batch` dependsOn cycles: found without recursion, named in Graph's message. */
import { describe, expect, it } from "vitest";
import { dependencyCycleMessage, findDependencyCycle } from "./dependency-graph.ts";

describe("findDependencyCycle", () => {
  it("no dependencies, a chain or a diamond → no cycle", () => {
    expect(findDependencyCycle([{ id: "1" }, { id: "2" }])).toBeUndefined();
    expect(findDependencyCycle([{ id: "1" }, { id: "2", dependsOn: ["1"] }, { id: "3", dependsOn: ["2"] }])).toBeUndefined();
    expect(findDependencyCycle([{ id: "a" }, { id: "b", dependsOn: ["a"] }, { id: "c", dependsOn: ["a"] }, { id: "d", dependsOn: ["b", "c"] }])).toBeUndefined();
  });

  it("a self-dependency → [id, id]", () => {
    expect(findDependencyCycle([{ id: "1" }, { id: "self", dependsOn: ["SELF"] }])).toEqual(["self", "self"]);
  });

  it("a longer cycle → the ids along it, in dependsOn order, ids compared without case", () => {
    expect(findDependencyCycle([{ id: "x" }, { id: "p", dependsOn: ["x", "r"] }, { id: "q", dependsOn: ["p"] }, { id: "r", dependsOn: ["Q"] }])).toEqual(["p", "r", "q", "p"]);
  });

  it("a chain of 100,000 requests is walked without exhausting the stack", () => {
    const nodes = Array.from({ length: 100_000 }, (_, i) => ({ id: String(i), dependsOn: i ? [String(i - 1)] : [] }));
    expect(findDependencyCycle(nodes)).toBeUndefined();
    nodes[0]!.dependsOn = ["99999"];
    expect(findDependencyCycle(nodes)).toHaveLength(100_001);
  });

  it("the message starts as Graph's and names the cycle", () => {
    expect(dependencyCycleMessage(["a", "a"])).toBe("Invalid dependency for request Id 'a': a request cannot depend on itself (a cycle 'a' → 'a').");
    expect(dependencyCycleMessage(["a", "b", "a"])).toBe("Invalid dependency for request Id 'a': its dependsOn chain 'a' → 'b' → 'a' is a cycle.");
  });
});
