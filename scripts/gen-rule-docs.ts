/**
 * Generates docs/rules/ from the rule metadata: an index by concern (README.md) and one page per rule
 * (`docs/rules/<concern>/<rule>.md`) with fixed headings. Run: `npx tsx scripts/gen-rule-docs.ts`.
 * A test fails when the committed pages are out of date.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { allRules } from "../src/posture/rules/index.ts";
import { CONCERNS } from "../src/posture/rules/types.ts";
import type { Rule } from "../src/posture/rules/define-rule.ts";

export const RULE_DOCS_DIR = fileURLToPath(new URL("../docs/rules/", import.meta.url));
const HEADER = "<!-- DO NOT EDIT — generated from the rule metadata by `npx tsx scripts/gen-rule-docs.ts` -->";
const cell = (t: string) => t.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function rulePage(rule: Rule): string {
  const m = rule.meta;
  const messages = Object.entries(m.messages).map(([id, text]) => `| \`${id}\` | ${cell(text)} |`);
  return [
    HEADER,
    `# ${rule.id}`,
    "",
    `**${m.title}**`,
    "",
    "| concern | severity | criticality | stage | version |",
    "|---|---|---|---|---|",
    `| ${m.concern} | ${m.severity} | ${m.criticality} | ${m.stage} | ${m.version} |`,
    "",
    "## Why it matters",
    "",
    m.rationale,
    "",
    "## Guide section",
    "",
    m.guide,
    "",
    "## How to fix",
    "",
    m.remediation,
    "",
    `Blueprint key: ${m.blueprintKey ? `\`${m.blueprintKey}\`` : "none"}.${m.acknowledgement ? ` Accept the risk on purpose with \`acknowledge: [${m.acknowledgement}]\`.` : ""}`,
    "",
    "## Messages",
    "",
    "| id | text |",
    "|---|---|",
    ...messages,
    "",
    "## Evidence",
    "",
    ...m.evidence.map((e) => `- ${e}`),
    "",
    "## References",
    "",
    ...m.references.map((r) => `- <${r}>`),
    "",
  ].join("\n");
}

export function rulesIndex(rules: readonly Rule[]): string {
  const lines = [
    HEADER,
    "# Audit rules",
    "",
    "`holofleet audit` checks the effective posture of every HoloLens device and client account against the guide's concerns. Each rule reports a result for every subject it covers: `pass`, `fail`, `manual` (needs evidence or a look by hand) or `not_applicable`.",
    "",
  ];
  for (const concern of CONCERNS) {
    lines.push(`## ${concern}`, "", "| rule | severity | what it checks |", "|---|---|---|");
    for (const r of rules.filter((x) => x.meta.concern === concern)) lines.push(`| [${r.id}](${r.id}.md) | ${r.meta.severity} | ${cell(r.meta.title)} |`);
    lines.push("");
  }
  return lines.join("\n");
}

/** Every generated file, relative to docs/rules/. */
export function ruleDocs(): Map<string, string> {
  const files = new Map<string, string>([["README.md", rulesIndex(allRules)]]);
  for (const rule of allRules) files.set(`${rule.id}.md`, rulePage(rule));
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  mkdirSync(RULE_DOCS_DIR, { recursive: true });
  for (const entry of readdirSync(RULE_DOCS_DIR, { withFileTypes: true })) rmSync(path.join(RULE_DOCS_DIR, entry.name), { recursive: true });
  for (const [file, text] of ruleDocs()) {
    mkdirSync(path.dirname(path.join(RULE_DOCS_DIR, file)), { recursive: true });
    writeFileSync(path.join(RULE_DOCS_DIR, file), text);
  }
  console.log(`wrote ${ruleDocs().size} files to docs/rules/`);
}
