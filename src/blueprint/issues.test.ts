import { describe, expect, it } from "vitest";
import { knownKeysAt } from "./issues.ts";
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
