import { describe, expect, it } from "vitest";
import { callingAppCapabilityDenied } from "./calling-app-capability-denied.ts";
import { runChecks } from "./index.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const restrictions = (lines: string) => `${FIXTURE_HEAD}devices:\n  restrictions:\n${lines}${FIXTURE_CLIENT}`;

describe("calling-app-capability-denied", () => {
  it("camera and microphone force-deny → one HF2051 error at each key", () => {
    const { bp, src } = blueprintForCheck(restrictions("    letAppsAccessCamera: force-deny\n    letAppsAccessMicrophone: force-deny\n"));
    const found = callingAppCapabilityDenied(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2051", "error", 8, 26],
      ["HF2051", "error", 9, 30],
    ]);
    expect(found[0]!.message).toContain("camera");
    expect(found[0]!.message).toContain("remote-assist");
    expect(found[1]!.message).toContain("microphone");
  });

  it("the message names the calling app the kiosk uses (Guides)", () => {
    const { bp, src } = blueprintForCheck(
      `${FIXTURE_HEAD}devices:\n  kiosk:\n    callingApp: dynamics-365-guides\n  restrictions:\n    letAppsAccessMicrophone: force-deny\n${FIXTURE_CLIENT}`,
    );
    expect(callingAppCapabilityDenied(bp, src)[0]!.message).toContain("dynamics-365-guides");
  });

  it.each(["user-in-control", "force-allow"])("%s, or unset → no finding", (access) => {
    const { bp, src } = blueprintForCheck(restrictions(`    letAppsAccessCamera: ${access}\n    letAppsAccessMicrophone: ${access}\n`));
    expect(callingAppCapabilityDenied(bp, src)).toEqual([]);
    const unset = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT);
    expect(callingAppCapabilityDenied(unset.bp, unset.src)).toEqual([]);
  });

  it("acknowledged → silent", () => {
    const { bp, src } = blueprintForCheck(`${restrictions("    letAppsAccessCamera: force-deny\n")}acknowledge: [calling-app-capability-denied]\n`);
    expect(runChecks(bp, src)).toEqual([]);
  });
});
