/**
 * HF2051: Privacy/LetAppsAccessCamera or …Microphone set to force-deny. The calling app (Remote Assist, or
 * Guides carrying its calls) streams the wearer's view and voice to the expert, so denying either to every
 * app breaks every call (hololens-common-device-restrictions.md "Restrict Camera/Microphones";
 * hololens-facts §13). An error unless the file acknowledges `calling-app-capability-denied`.
 */
import { defineCheck, finding } from "./finding.ts";

const CAPABILITIES = [
  { key: "letAppsAccessCamera", what: "camera", use: "show the expert what the client sees" },
  { key: "letAppsAccessMicrophone", what: "microphone", use: "talk to the expert" },
] as const;

export const callingAppCapabilityDenied = defineCheck(["devices.restrictions", "devices.kiosk"], ["HF2051"], (bp, src) => {
  const { restrictions, kiosk } = bp.devices;
  return CAPABILITIES.filter(({ key }) => restrictions[key] === "force-deny").map(({ key, what, use }) =>
    finding(src, ["devices", "restrictions", key], "HF2051", "error", {
      message: `devices.restrictions.${key} is force-deny: no app, not even the calling app \`${kiosk.callingApp}\`, may use the ${what}`,
      why: `Clients call experts through the calling app, which needs the ${what} to ${use}; with it denied to every app, every call fails.`,
      fix: `Use user-in-control or force-allow (or leave ${key} unset), or acknowledge calling-app-capability-denied if the devices are not for calls.`,
    }),
  );
});
