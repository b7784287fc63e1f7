/**
 * Guide §GR-7 and §CC chat history: the compiled WDAC policy as Intune's "Base64 (file)" custom setting
 * at `./Vendor/MSFT/ApplicationControl/Policies/<PolicyID>/Policy`. The node takes the binary policy only,
 * never XML, and the GUID segment must equal the policy's id (`applicationcontrol-csp.md`,
 * `custom-profile-hololens.md`, hololens-facts §9). Devices apply it after a reboot.
 */
import type { AppControlSettings } from "../../blueprint/types.ts";
import { omaBase64, type SourcedOmaSetting } from "./oma-setting.ts";

/** `{A244370E-…}` → `A244370E-…`: the CSP path segment has no braces. */
export function policyGuidSegment(policyId: string): string {
  return policyId.replace(/[{}]/g, "").toUpperCase();
}

export function applicationControlUri(policyId: string): string {
  return `./Vendor/MSFT/ApplicationControl/Policies/${policyGuidSegment(policyId)}/Policy`;
}

export function applicationControlSettings(appControl: AppControlSettings, binary: Uint8Array | null, fileName: string): SourcedOmaSetting[] {
  if (!appControl.enabled || binary === null) return [];
  return [
    {
      path: ["devices", "appControl"],
      setting: omaBase64(
        `App control: ${appControl.policyName}`,
        "WDAC deny policy: blocks the browser (single sign-on would expose Teams chat history, guide §CC chat history) and the apps the blueprint lists. Reboot after it applies.",
        applicationControlUri(appControl.policyId),
        Buffer.from(binary).toString("base64"),
        fileName,
      ),
    },
  ];
}
