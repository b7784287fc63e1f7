import { describe, expect, it } from "vitest";
import { ASSIGNED_ACCESS_URI, assignedAccessSettings } from "./assigned-access.ts";

describe("assignedAccessSettings", () => {
  it("the kiosk XML as a String setting (Intune docs: data type String, XML as the value)", () => {
    const [s, ...rest] = assignedAccessSettings("<AssignedAccessConfiguration/>");
    expect(rest).toEqual([]);
    expect(s!.setting).toEqual({
      "@odata.type": "#microsoft.graph.omaSettingString",
      displayName: "Kiosk: global assigned access",
      description: expect.any(String),
      omaUri: "./Device/Vendor/MSFT/AssignedAccess/Configuration",
      value: "<AssignedAccessConfiguration/>",
    });
    expect(ASSIGNED_ACCESS_URI).toBe(s!.setting.omaUri);
  });

  it("no kiosk XML → no setting", () => {
    expect(assignedAccessSettings(null)).toEqual([]);
  });
});
