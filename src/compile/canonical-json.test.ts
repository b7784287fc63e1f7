import { describe, expect, it } from "vitest";
import { canonicalize, canonicalJson } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts keys at every depth, keeps array order, drops undefined", () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } };
    expect(canonicalJson(a)).toBe('{\n  "a": {\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });

  it("insertion order does not matter", () => {
    expect(canonicalJson({ x: 1, "@odata.type": "t", a: [1] })).toBe(canonicalJson({ a: [1], "@odata.type": "t", x: 1 }));
    expect(Object.keys(canonicalize({ x: 1, "@odata.type": "t" }))).toEqual(["@odata.type", "x"]);
  });
});
