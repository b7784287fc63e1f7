/** HF2022 (warning): developer mode left available (guide §GR-6.1 disables it). */
import { developerModeAllowed, developerUnlockValue } from "../../guide/developer-mode.ts";
import { defineCheck, finding } from "./finding.ts";

export const developerMode = defineCheck(["devices.developerMode"], ["HF2022"], (bp, src) =>
  developerModeAllowed(developerUnlockValue(bp.devices.developerMode))
    ? [
        finding(src, ["devices", "developerMode"], "HF2022", "warning", {
          message: "devices.developerMode is true: clients could put the device into developer mode",
          why: "Developer mode allows sideloading and the device portal; the guide disables it (ApplicationManagement/AllowDeveloperUnlock = 0).",
          fix: "Set developerMode: false (the default), or accept the risk with `acknowledge: [developer-mode]`.",
        }),
      ]
    : [],
);
