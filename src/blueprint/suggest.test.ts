import { describe, expect, it } from "vitest";
import { didYouMean, editDistance, suggest } from "./suggest.ts";

describe("suggest", () => {
  it("edit distance of classic pairs", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("Edge", "edge")).toBe(0);
  });

  it("typo → closest catalog id first", () => {
    expect(suggest("remote-asist", ["remote-assist", "settings", "edge"])).toEqual(["remote-assist"]);
    expect(suggest("setings", ["settings", "settings-legacy", "store"])[0]).toBe("settings");
  });

  it("nothing close → no suggestion", () => {
    expect(suggest("zzzzzz", ["remote-assist", "settings"])).toEqual([]);
    expect(didYouMean("zzzzzz", ["settings"])).toBe("");
  });

  it("formats one or several suggestions", () => {
    expect(didYouMean("kiosc", ["kiosk"])).toBe(' Did you mean "kiosk"?');
    expect(didYouMean("edg", ["edge", "edge-legacy"])).toBe(' Did you mean "edge" or "edge-legacy"?');
  });

  it("a swapped pair of letters is one typo", () => {
    expect(editDistance("remtoe", "remote")).toBe(1);
    expect(suggest("remtoe-assist", ["remote-assist", "settings"])).toEqual(["remote-assist"]);
  });

  it("separators and case do not count: remote_assist, RemoteAssist, Remote Assist", () => {
    for (const input of ["remote_assist", "RemoteAssist", "Remote Assist", "REMOTE-ASSIST"]) {
      expect(suggest(input, ["remote-assist", "settings", "edge"]), input).toEqual(["remote-assist"]);
    }
  });

  it("aliases (display names) lead to the id", () => {
    const apps = [
      { name: "store", aliases: ["Microsoft Store"] },
      { name: "edge", aliases: ["New Microsoft Edge"] },
      { name: "edge-legacy", aliases: ["Old Microsoft Edge"] },
    ];
    expect(suggest("Microsoft Store", apps)).toEqual(["store"]);
    expect(suggest("microsoft-edge", apps)).toEqual(["edge", "edge-legacy"]);
  });

  it("a containment match ranks after a one-letter typo and prefers the closest length", () => {
    expect(suggest("intune", ["INTUNE_A_VL", "INTUNE_A", "INTUNE_EDU"])).toEqual(["INTUNE_A", "INTUNE_A_VL", "INTUNE_EDU"]);
    expect(suggest("setting", ["settings", "settings-legacy"])).toEqual(["settings", "settings-legacy"]);
  });

  it("a shared start ranks before a match inside the word", () => {
    expect(suggest("EXCHANGE", ["MIP_S_EXCHANGE", "EXCHANGE_S_STANDARD"])).toEqual(["EXCHANGE_S_STANDARD", "MIP_S_EXCHANGE"]);
  });

  it("inputs of up to 3 characters allow one edit and no containment of shorter words", () => {
    expect(suggest("e5", ["SPE_E5", "EMS", "E3"])).toEqual(["E3"]);
  });

  it("a name that differs only in case or separators is the only suggestion", () => {
    expect(suggest("intune_a", ["INTUNE_A", "INTUNE_A_D", "INTUNE_EDU"])).toEqual(["INTUNE_A"]);
    expect(suggest("Microsoft 365 E5", [{ name: "Microsoft_365_E5" }, { name: "SPE_E5", aliases: ["Microsoft 365 E5"] }])).toEqual(["Microsoft_365_E5"]);
  });

  it("a name listed twice is suggested once", () => {
    expect(suggest("MCOPSTN", ["MCOPSTN5", "MCOPSTN5"])).toEqual(["MCOPSTN5"]);
  });

  it("the same words in another order or form", () => {
    const keys = ["qualityDeferralDays", "featureDeferralDays", "installDay", "activeHoursStart"];
    expect(suggest("deferQualityDays", keys)).toEqual(["qualityDeferralDays"]);
    expect(suggest("startActiveHours", keys)).toEqual(["activeHoursStart"]);
    expect(suggest("assist-remote", ["remote-assist", "settings"])).toEqual(["remote-assist"]);
    expect(suggest("dayInstall", keys)).toEqual(["installDay"]);
  });
});
