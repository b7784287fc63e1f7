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
});
