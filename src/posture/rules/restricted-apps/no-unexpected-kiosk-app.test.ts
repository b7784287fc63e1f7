import { ALL_DEVICES } from "../../testing/fixtures.ts";
import { ruleTester } from "../rule-tester.ts";
import rule from "./no-unexpected-kiosk-app.ts";

ruleTester.run(rule, {
  fail: [
    {
      name: "Edge added to the kiosk XML by hand",
      snapshot: (s) => {
        const k = s.deviceConfigurations.find((c) => c.displayName.endsWith("kiosk"))!.omaSettings![0]!;
        k.value = String(k.value).replace("</AllowedApps>", '<App AppUserModelId="Microsoft.MicrosoftEdge.Stable_8wekyb3d8bbwe!MSEDGE"/></AllowedApps>');
      },
      subjects: ALL_DEVICES,
      message: "New Microsoft Edge",
    },
  ],
});
