import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { issueToDiagnostics, knownKeysAt, shortText } from "./issues.ts";
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

describe("issueToDiagnostics: what to write instead", () => {
  const load = async (text: string) => (await import("./load.ts")).loadBlueprint(`apiVersion: holofleet/v1\nmetadata:\n  name: x\ntenant:\n  domain: contoso.com\n${text}`, "f.yaml");
  const fixOf = async (text: string) => (await load(text)).diagnostics[0]?.fix;

  it("yes/no read as text where a boolean is expected", async () => {
    expect(await fixOf("devices:\n  developerMode: no\n")).toBe("YAML reads `no` as text: write false.");
    expect(await fixOf("devices:\n  tenantLockdown: Yes\n")).toBe("YAML reads `Yes` as text: write true.");
  });

  it("a single value where a list is expected, a list where a mapping is expected", async () => {
    expect(await fixOf("devices:\n  kiosk:\n    apps: remote-assist\n")).toBe("Write a list, e.g. [remote-assist].");
    expect(await fixOf("devices:\n  - usb: off\n")).toContain("`key: value` lines");
  });

  it("numbers: quotes or units, and the bound to respect", async () => {
    expect(await fixOf("passwords:\n  maxAgeDays: 90 days\n")).toBe("Write a plain number, without quotes or units.");
    expect(await fixOf("passwords:\n  length: 4\n")).toBe("Use a value of at least 8.");
    expect(await fixOf("clients:\n  - id: a\n    accounts: []\n")).toBe("Add entries to the list.");
  });

  it("an unknown key written as other words gets the key it means", async () => {
    const [d] = (await load("devices:\n  updateRing:\n    deferQualityDays: 7\n")).diagnostics;
    expect(d!.message).toContain('Did you mean "qualityDeferralDays"?');
  });
});


describe("shortText", () => {
  it("up to 80 characters → as it is; longer → its start and its length", () => {
    expect(shortText("x".repeat(80))).toBe("x".repeat(80));
    expect(shortText("y".repeat(1_000_000))).toBe(`${"y".repeat(60)}… (1000000 characters)`);
  });

  it("an unknown key of 100,000 characters → a one-line message that quotes its start, at the key", () => {
    const key = "k".repeat(100_000);
    const lineCounter = new LineCounter();
    const doc = parseDocument(`tenant:\n  ? ${key}\n  : 1\n`, { lineCounter });
    const src = createSourceMap("k.yaml", doc, lineCounter);
    const [d] = issueToDiagnostics({ code: "unrecognized_keys", keys: [key], path: ["tenant"], input: {}, message: "" }, "k.yaml", src, blueprintInputSchema);
    expect(d!.message).toMatch(/^unknown key `k{60}… \(100000 characters\)` in `tenant`\.$/);
    expect(d!.source).toEqual({ file: "k.yaml", start: { line: 2, col: 5 } });
  });
});
