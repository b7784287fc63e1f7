import { describe, expect, it } from "vitest";
import { cleanCell, footnoteMarks, headingSlug, parseMarkdownTables, splitBr, splitTableRow } from "./markdown.ts";

describe("splitTableRow", () => {
  it("drops the outer pipes and keeps escaped ones", () => {
    expect(splitTableRow("| a | b \\| c | d |")).toEqual(["a", "b | c", "d"]);
    expect(splitTableRow("a | b")).toEqual(["a", "b"]);
    expect(splitTableRow("| a |  |")).toEqual(["a", ""]);
  });
});

describe("parseMarkdownTables", () => {
  const text = ["# Title", "", "### Network & Internet", "", "| Settings page | URI |", "|---|:---:|", "| Proxy | `network-proxy` |", "| VPN | `network-vpn` |", "", "text", "|App|AUMID|", "| --- | --- |", "|Tips |Microsoft.HoloLensTips\\_8wekyb3d8bbwe\\!HoloLensTips |"].join("\n");
  const tables = parseMarkdownTables(text);

  it("finds each table with the heading above it and the line of each row", () => {
    expect(tables).toHaveLength(2);
    expect(tables[0]).toMatchObject({ heading: "Network & Internet", header: ["Settings page", "URI"], line: 5 });
    expect(tables[0]?.rows.map((r) => r.line)).toEqual([7, 8]);
    expect(tables[1]?.heading).toBe("Network & Internet");
    expect(cleanCell(tables[1]?.rows[0]?.cells[1] ?? "")).toBe("Microsoft.HoloLensTips_8wekyb3d8bbwe!HoloLensTips");
  });

  it("ignores pipes that are not followed by a delimiter row", () => {
    expect(parseMarkdownTables("a | b\nc | d\n")).toEqual([]);
  });
});

describe("cell helpers", () => {
  it("cleans inline markup", () => {
    expect(cleanCell("Feedback&nbsp;Hub")).toBe("Feedback Hub");
    expect(cleanCell("Camera<sup>1, 2</sup> ")).toBe("Camera");
    expect(cleanCell("[Windows Holographic, version 23H2](#anchor)")).toBe("Windows Holographic, version 23H2");
    expect(cleanCell(" ` signinoptions ` ")).toBe("signinoptions");
    expect(cleanCell("Movies &amp; TV")).toBe("Movies & TV");
    expect(cleanCell("the **Advanced options** page")).toBe("the Advanced options page");
  });

  it("reads footnote marks and <br> lists", () => {
    expect(footnoteMarks("Camera<sup>1, 2</sup>")).toEqual(["1", "2"]);
    expect(footnoteMarks("Mouse <sup>2</sup>")).toEqual(["2"]);
    expect(footnoteMarks("Mouse")).toEqual([]);
    expect(splitBr("`bluetooth` <br> `connecteddevices`<br/>")).toEqual(["`bluetooth`", "`connecteddevices`"]);
  });

  it("slugs headings the way the release-notes links do", () => {
    expect(headingSlug("Windows Holographic, version 21H2 - February 2022 Update")).toBe("windows-holographic-version-21h2---february-2022-update");
    expect(headingSlug("Windows Holographic, version 20H2")).toBe("windows-holographic-version-20h2");
  });
});
