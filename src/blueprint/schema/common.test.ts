import { describe, expect, it } from "vitest";
import { displayName } from "./common.ts";

/** holofleet's own code and advice, carried by a custom issue's params. */
const paramsOf = (issue: object): { hf?: string; fix?: string } => ("params" in issue ? (issue.params as { hf?: string; fix?: string }) : {});
const hfCode = (issue: object) => paramsOf(issue).hf;

const name = displayName(20, "Entra");
const problem = (value: string) => {
  const result = name.safeParse(value);
  return result.success ? null : result.error.issues.map((i) => `${hfCode(i) ?? i.code}: ${i.message}`);
};

describe("displayName", () => {
  it("accepts one-line names in any script, with emoji and punctuation", () => {
    for (const ok of ["Fabrikam", "Fabrikam (Nord) GmbH", "Ünïcødé ñame", "北京客户", "Team 🚀 one", "O'Brien & Co."]) {
      expect(problem(ok), ok).toBeNull();
    }
  });

  it("rejects line breaks, tabs and other control characters, naming the character and where it is", () => {
    expect(problem("Fabrikam\n")).toEqual(["HF1018: the name contains a line break (U+000A) at character 9 of 9"]);
    expect(problem("Fab\r\nrikam")![0]).toContain("carriage return (U+000D) at character 4");
    expect(problem("Fab\trikam")![0]).toContain("a tab (U+0009)");
    expect(problem("Fab\u0000")![0]).toContain("a control character (U+0000)");
    expect(problem("Fab\u0085")![0]).toContain("a control character (U+0085)");
    expect(problem("Fab\u007f")![0]).toContain("U+007F");
    expect(problem("Fab\u2028rikam")![0]).toContain("line separator (U+2028)");
  });

  it("rejects bidirectional overrides and isolates, which make a name display as something else", () => {
    expect(problem("Fab\u202Ekamir")![0]).toContain("bidirectional text control (U+202E)");
    expect(problem("\u2066Fab\u2069")![0]).toContain("U+2066");
  });

  it("rejects blank names and keeps the length limits", () => {
    expect(problem("   ")).toEqual(["HF1018: the name is blank"]);
    expect(problem("")![0]).toContain("too_small");
    expect(problem("x".repeat(21))![0]).toContain("too_big");
  });

  it("line breaks get advice about YAML block scalars; other characters do not", () => {
    const fix = (value: string) => (paramsOf(name.safeParse(value).error!.issues[0]!).fix!);
    expect(fix("a\n")).toContain("`|-`");
    expect(fix("a\u0007")).not.toContain("|");
  });
});
