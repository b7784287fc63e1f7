import { describe, expect, it } from "vitest";
import { entraPasswordProblems } from "./entra-password-rules.ts";

describe("entraPasswordProblems", () => {
  it.each([
    ["three classes, 8 characters", "Abcdefg1"],
    ["all four classes with Entra symbols", "a1B2#c$D%e"],
    ["a blank space is allowed", "Abc def 12"],
    ["256 characters", "Aa1".repeat(85) + "x"],
  ])("%s → accepted", (_, password) => {
    expect(entraPasswordProblems(password)).toEqual([]);
  });

  it.each([
    ["7 characters", "Abcde1!", /7 characters/],
    ["257 characters", "Aa1".repeat(85) + "xy", /257 characters/],
    ["two classes", "abcdefgh12", /2 of the four/],
    ["a character outside Entra's set", "Abcdefg1é", /does not allow/],
  ])("%s → refused with the rule, never the password", (_, password, rule) => {
    const problems = entraPasswordProblems(password);
    expect(problems.join(" ")).toMatch(rule);
    expect(problems.join(" ")).not.toContain(password);
  });
});
