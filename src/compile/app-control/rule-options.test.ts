import { describe, expect, it } from "vitest";
import { ALWAYS_SET_FLAG, flagsToRuleOptions, RULE_OPTION_BITS, ruleOptionsToFlags, SUPPLEMENTAL_FLAG } from "./rule-options.ts";

describe("rule option bits", () => {
  it("every option of the schema's OptionType has a distinct bit below bit 30", () => {
    const bits = Object.values(RULE_OPTION_BITS);
    expect(bits.length).toBe(24);
    expect(new Set(bits).size).toBe(24);
    for (const b of bits) expect(b & (b - 1)).toBe(0);
    expect(Math.max(...bits)).toBeLessThan(SUPPLEMENTAL_FLAG);
  });
  it("bit 31 is always set, bit 30 marks supplemental policies", () => {
    expect(ruleOptionsToFlags([], false)).toBe(ALWAYS_SET_FLAG >>> 0);
    expect(ruleOptionsToFlags(["Enabled:UMCI"], true)).toBe((0x80000000 | 0x40000000 | 0x4) >>> 0);
  });
  it("flags → options → flags is the identity, unknown bits kept aside", () => {
    const flags = (0x80000000 | 0x4 | 0x10000 | 0x80000 | 0x1000 | 0x1) >>> 0;
    const { options, supplemental, unknownBits } = flagsToRuleOptions(flags);
    expect(options).toEqual(["Enabled:UMCI", "Enabled:Audit Mode", "Enabled:Unsigned System Integrity Policy"]);
    expect(supplemental).toBe(false);
    expect(unknownBits).toBe(0x1001);
    expect(ruleOptionsToFlags(options, supplemental, unknownBits)).toBe(flags);
  });
});
