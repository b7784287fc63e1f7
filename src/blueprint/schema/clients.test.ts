import { describe, expect, it } from "vitest";
import { clientSchema, upnOrAlias, upnProblem } from "./clients.ts";

/** holofleet's own code and advice, carried by a custom issue's params. */
const paramsOf = (issue: object): { hf?: string; fix?: string } => ("params" in issue ? (issue.params as { hf?: string; fix?: string }) : {});
const hfCode = (issue: object) => paramsOf(issue).hf;

describe("upnOrAlias (graph-facts §2: A–Z a–z 0–9 ' . - _ ! # ^ ~)", () => {
  it("accepts every character Graph allows in a UPN", () => {
    for (const ok of ["op01", "o'brien", "first.last", "a_b-c", "x!y#z^w~v", "OP01@Contoso.OnMicrosoft.com", "a"]) {
      expect(upnOrAlias.safeParse(ok).success, ok).toBe(true);
    }
  });

  it("names the character Graph does not allow", () => {
    expect(upnProblem("josé")).toContain('the character "é" is not allowed');
    expect(upnProblem("op 01")).toContain('the character " "');
    expect(upnProblem("op+01")).toContain('the character "+"');
    expect(upnProblem("op\n01")).toContain('"\\n"');
  });

  it("holds the alias length and edge rules and the domain form", () => {
    expect(upnProblem("a".repeat(64))).toBeNull();
    expect(upnProblem("a".repeat(65))).toContain("65 characters; at most 64");
    expect(upnProblem(".op")).toContain("starts and ends with a letter or digit");
    expect(upnProblem("op'")).toContain("starts and ends with a letter or digit");
    expect(upnProblem("@contoso.com")).toContain("nothing before the @");
    expect(upnProblem("op@contoso")).toContain("not a DNS domain");
  });

  it("the pattern (for editors) and the explanation (for messages) agree on every input", () => {
    const alphabet = ["a", "Z", "0", "'", ".", "-", "_", "!", "#", "^", "~", "@", " ", "é", "+", "x.com", "@contoso.com"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 3000; n++) {
      const length = 1 + (next() % 8);
      const value = Array.from({ length }, () => alphabet[next() % alphabet.length]).join("");
      expect(upnOrAlias.safeParse(value).success, JSON.stringify(value)).toBe(upnProblem(value) === null);
    }
  });

  it("the message of a bad UPN is the explanation", () => {
    const result = upnOrAlias.safeParse("josé");
    expect(result.error!.issues[0]!.message).toContain('"é" is not allowed in a user principal name');
  });
});

describe("clientSchema names", () => {
  it("rejects a client display name with a line break (HF1018)", () => {
    const result = clientSchema.safeParse({ id: "fabrikam", displayName: "Fabrikam\n", accounts: ["op01"] });
    expect(result.error!.issues.map((i) => [hfCode(i), i.path])).toEqual([["HF1018", ["displayName"]]]);
  });

  it("rejects an account display name with a control character (HF1018)", () => {
    const result = clientSchema.safeParse({ id: "fabrikam", accounts: [{ upn: "op01", displayName: "Op\u000701" }] });
    expect(result.error!.issues.map((i) => hfCode(i))).toEqual(["HF1018"]);
  });
});
