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

/** The whole-table computation editDistance replaced, as the reference for its results. */
function fullTableDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[s.length]![t.length]!;
}

describe("editDistance", () => {
  it("random pairs → the same distance as the whole table, in either order", () => {
    // A fixed linear congruential sequence: the same pairs on every run.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const word = () => Array.from({ length: next() % 12 }, () => "abcAB-"[next() % 6]).join("");
    for (let n = 0; n < 2000; n++) {
      const [a, b] = [word(), word()];
      expect(editDistance(a, b), `${a} / ${b}`).toBe(fullTableDistance(a, b));
      expect(editDistance(b, a), `${b} / ${a}`).toBe(fullTableDistance(a, b));
    }
  });

  it("a key of a megabyte against a short name → its distance, in memory the size of the short one", () => {
    const before = process.memoryUsage().heapUsed;
    expect(editDistance("d".repeat(1_000_000), "domain")).toBe(999_999);
    // The whole table would hold a million rows of seven numbers (well over 100 MB).
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20_000_000);
  });
});
