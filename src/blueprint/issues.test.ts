import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { issueToDiagnostics, knownKeysAt } from "./issues.ts";
import { createSourceMap } from "./source-map.ts";
import { blueprintInputSchema } from "./schema/blueprint.ts";

describe("knownKeysAt", () => {
  it("walks defaults, pipes, arrays and unions to the object at a path", () => {
    expect(knownKeysAt(blueprintInputSchema, [])).toContain("devices");
    expect(knownKeysAt(blueprintInputSchema, ["devices", "kiosk"])).toEqual(
      expect.arrayContaining(["apps", "autoLaunch", "callingApp"]),
    );
    expect(knownKeysAt(blueprintInputSchema, ["clients", 0, "accounts", 3])).toEqual(["upn", "displayName", "devices"]);
  });

  it("a path that is not an object → no keys", () => {
    expect(knownKeysAt(blueprintInputSchema, ["devices", "usb"])).toEqual([]);
    expect(knownKeysAt(blueprintInputSchema, ["nope"])).toEqual([]);
  });
});

describe("issueToDiagnostics", () => {
  it("a custom issue carries holofleet's code, why and fix from its params, at the value", () => {
    const lineCounter = new LineCounter();
    const doc = parseDocument("experts:\n  groupName: \"Ex\\tperts\"\n", { lineCounter });
    const src = createSourceMap("e.yaml", doc, lineCounter);
    const [d] = issueToDiagnostics(
      { code: "custom", path: ["experts", "groupName"], message: "the name contains a tab", input: "Ex\tperts", params: { hf: "HF1018", why: "one line", fix: "remove it" } },
      "e.yaml",
      src,
      blueprintInputSchema,
    );
    expect(d).toEqual({
      severity: "error",
      code: "HF1018",
      message: "`experts.groupName`: the name contains a tab",
      why: "one line",
      fix: "remove it",
      source: { file: "e.yaml", start: { line: 2, col: 14 } },
      path: ["experts", "groupName"],
    });
  });
});
