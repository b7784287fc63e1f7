import { describe, expect, it } from "vitest";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { APP_STORE_AUTO_UPDATE_URI, storeAutoUpdateSettings } from "./store-auto-update.ts";

describe("storeAutoUpdateSettings", () => {
  it("storeAutoUpdate → AllowAppStoreAutoUpdate 1 (explicit, not the 'not configured' 2); off → 0", () => {
    const on = storeAutoUpdateSettings(secureBlueprint({ devices: { storeAutoUpdate: true } }).devices)[0]!;
    expect(on.setting).toMatchObject({ omaUri: APP_STORE_AUTO_UPDATE_URI, value: 1, "@odata.type": "#microsoft.graph.omaSettingInteger" });
    expect(storeAutoUpdateSettings(secureBlueprint({ devices: { storeAutoUpdate: false } }).devices)[0]!.setting.value).toBe(0);
  });
});
