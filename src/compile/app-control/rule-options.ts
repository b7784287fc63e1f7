/**
 * Rule options (`<Rule><Option>…</Option></Rule>`) and the header flag bit each one sets in the
 * binary. Source: `wdac/format.md` §2 (both reverse-engineered sources agree; verified for the
 * options present in the vectors). These are not the `Set-RuleOption -Option N` numbers.
 */

export const RULE_OPTION_BITS: Readonly<Record<string, number>> = {
  "Enabled:UMCI": 0x4,
  "Enabled:Boot Menu Protection": 0x8,
  "Enabled:Intelligent Security Graph Authorization": 0x10,
  "Enabled:Invalidate EAs on Reboot": 0x20,
  "Enabled:Windows Lockdown Trial Mode": 0x40,
  "Required:WHQL": 0x80,
  "Enabled:Developer Mode Dynamic Code Trust": 0x100,
  "Enabled:Allow Supplemental Policies": 0x400,
  "Disabled:Runtime FilePath Rule Protection": 0x800,
  "Enabled:Revoked Expired As Unsigned": 0x2000,
  "Enabled:Audit Mode": 0x10000,
  "Disabled:Flight Signing": 0x20000,
  "Enabled:Inherit Default Policy": 0x40000,
  "Enabled:Unsigned System Integrity Policy": 0x80000,
  "Enabled:Dynamic Code Security": 0x100000,
  "Required:EV Signers": 0x200000,
  "Enabled:Boot Audit On Failure": 0x400000,
  "Enabled:Advanced Boot Options Menu": 0x800000,
  "Disabled:Script Enforcement": 0x1000000,
  "Required:Enforce Store Applications": 0x2000000,
  "Enabled:Secure Setting Policy": 0x4000000,
  "Enabled:Managed Installer": 0x8000000,
  "Enabled:Update Policy No Reboot": 0x10000000,
  "Enabled:Conditional Windows Lockdown Policy": 0x20000000,
};

/** Bit 31 is set in every binary Microsoft's compiler writes (format.md §2). */
export const ALWAYS_SET_FLAG = 0x80000000;
/** Bit 30 marks `PolicyType="Supplemental Policy"`. */
export const SUPPLEMENTAL_FLAG = 0x40000000;

const KNOWN_BITS = Object.values(RULE_OPTION_BITS).reduce((a, b) => a | b, 0);

export function isKnownRuleOption(name: string): boolean {
  return Object.hasOwn(RULE_OPTION_BITS, name);
}

/** The header flags for a set of options. Unknown option names are ignored (the reader reports them). */
export function ruleOptionsToFlags(options: readonly string[], supplemental: boolean, unknownBits = 0): number {
  let flags = ALWAYS_SET_FLAG | (unknownBits & ~KNOWN_BITS & ~SUPPLEMENTAL_FLAG & ~ALWAYS_SET_FLAG);
  for (const option of options) flags |= RULE_OPTION_BITS[option] ?? 0;
  if (supplemental) flags |= SUPPLEMENTAL_FLAG;
  return flags >>> 0;
}

/** Splits header flags into option names (in bit order), the supplemental marker and leftover bits. */
export function flagsToRuleOptions(flags: number): { options: string[]; supplemental: boolean; unknownBits: number } {
  const options = Object.entries(RULE_OPTION_BITS)
    .filter(([, bit]) => (flags & bit) !== 0)
    .sort((a, b) => a[1] - b[1])
    .map(([name]) => name);
  const unknownBits = (flags & ~KNOWN_BITS & ~SUPPLEMENTAL_FLAG & ~ALWAYS_SET_FLAG) >>> 0;
  return { options, supplemental: (flags & SUPPLEMENTAL_FLAG) !== 0, unknownBits };
}
