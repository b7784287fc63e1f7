import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { DEVELOPER_UNLOCK_URI, developerUnlockSettings } from "./developer-unlock.ts";

describe("developerUnlockSettings", () => {
  it("developer mode off → AllowDeveloperUnlock 0 (explicit deny); on → 1 (explicit allow)", () => {
    expect(developerUnlockSettings(secureBlueprint({ devices: { developerMode: false } }).devices)[0]!.setting.value).toBe(0);
    expect(developerUnlockSettings(secureBlueprint({ devices: { developerMode: true } }).devices)[0]!.setting.value).toBe(1);
    expect(DEVELOPER_UNLOCK_URI).toBe("./Device/Vendor/MSFT/Policy/Config/ApplicationManagement/AllowDeveloperUnlock");
  });
});
