/**
 * Regenerates the tables of `docs/permissions.md` between its `<!-- generated:… -->` markers from
 * `src/auth/required-permissions.ts`, the one list of the Graph permissions holofleet needs.
 * Run: `npx tsx scripts/gen-permissions-docs.ts`; a test keeps the doc current.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DELEGATED_ONLY_CALLS, REQUIRED_APPLICATION_PERMISSIONS, REQUIRED_DELEGATED_SCOPES, type GraphCall } from "../src/auth/required-permissions.ts";
import { updateDoc } from "./gen-local-tenant-docs.ts";

export const PERMISSIONS_DOC = resolve(fileURLToPath(new URL("..", import.meta.url)), "docs/permissions.md");

const esc = (s: string) => s.replace(/\|/g, "\\|");
const callText = (c: GraphCall) => `\`${c.method} /${c.api}${esc(c.path)}\` — ${esc(c.why)} (${c.operations.join(", ")})`;

export function renderApplication(): string {
  const rows = [...REQUIRED_APPLICATION_PERMISSIONS]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => `| \`${p.name}\` | ${p.calls.map(callText).join("<br>")} | ${esc(p.why)} |`);
  return ["| Application permission | Graph calls that need it (operations) | Why this one |", "|---|---|---|", ...rows].join("\n");
}

export function renderDelegated(): string {
  return REQUIRED_DELEGATED_SCOPES.map((s) => `- \`${s}\``).join("\n");
}

export function renderDelegatedOnly(): string {
  const rows = DELEGATED_ONLY_CALLS.map((c) => `| ${callText(c)} | \`${c.scope}\` |`);
  return ["| Graph call (operations) | Delegated permission |", "|---|---|", ...rows].join("\n");
}

export function permissionSections(): Record<string, string> {
  return { application: renderApplication(), delegated: renderDelegated(), "delegated-only": renderDelegatedOnly() };
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) {
  writeFileSync(PERMISSIONS_DOC, updateDoc(readFileSync(PERMISSIONS_DOC, "utf8"), permissionSections()));
  console.log("updated docs/permissions.md");
}
