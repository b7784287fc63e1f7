import { describe, expect, it } from "vitest";
import { compile } from "../../compile/compile.ts";
import { clientGroupDisplayName, clientGroupMailNickname, expertsGroupDisplayName } from "../object-names.ts";
import { graphGroupNameLimits } from "./graph-group-name-limits.ts";
import { blueprintForCheck, FIXTURE_HEAD } from "./test-support.ts";

const client = (id: string, displayName: string) =>
  `clients:\n  - id: ${id}\n    displayName: ${displayName}\n    accounts:\n      - ${id}-op01\n`;

describe("graph-group-name-limits", () => {
  it("a client display name that makes the group name longer than 256 → HF2030 at the display name", () => {
    // "HF Client " is 10 characters: 246 fit, 247 do not.
    const fits = blueprintForCheck(FIXTURE_HEAD + client("fabrikam", "F".repeat(246)));
    expect(graphGroupNameLimits(fits.bp, fits.src)).toEqual([]);
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + client("fabrikam", "F".repeat(247)));
    const found = graphGroupNameLimits(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2030", "error", 8, 18]]);
    expect(found[0]!.message).toContain("257 characters");
    expect(found[0]!.fix).toContain("by 1 character or more");
  });

  it("a client id that makes the group's mailNickname longer than 64 → HF2030 at the id", () => {
    // "hf-client-" is 10 characters: a 54-character id fits, 55 do not.
    const id54 = "a".repeat(54);
    const fits = blueprintForCheck(FIXTURE_HEAD + client(id54, "Fabrikam"));
    expect(graphGroupNameLimits(fits.bp, fits.src)).toEqual([]);
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + client(`${id54}b`, "Fabrikam"));
    expect(graphGroupNameLimits(bp, src).map((d) => [d.code, d.source?.start.line, d.source?.start.col])).toEqual([["HF2030", 7, 9]]);
  });

  it("a longer naming prefix counts too", () => {
    const head = FIXTURE_HEAD + "  namingPrefix: CONTOSOFLD\n";
    const { bp, src } = blueprintForCheck(head + client("a".repeat(50), "Fabrikam"));
    expect(graphGroupNameLimits(bp, src).map((d) => d.code)).toEqual(["HF2030"]);
  });

  it("the secure defaults → no finding", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + client("fabrikam", "Fabrikam"));
    expect(graphGroupNameLimits(bp, src)).toEqual([]);
  });

  it("names the groups exactly as the compiler does", () => {
    const { bp } = blueprintForCheck(FIXTURE_HEAD + "  namingPrefix: Cfs\n" + client("north-fab", "Fabrikam North") + "experts:\n  groupName: Field experts\n");
    const groups = compile(bp).desired.filter((r) => r.kind === "group");
    const body = (address: string) => groups.find((g) => g.address === address)?.body;
    expect(body("group.client-north-fab")).toMatchObject({
      displayName: clientGroupDisplayName(bp, "Fabrikam North"),
      mailNickname: clientGroupMailNickname(bp, "north-fab"),
    });
    expect(body("group.experts")).toMatchObject({ displayName: expertsGroupDisplayName(bp, "Field experts") });
  });
});
