/**
 * HF2030: a group holofleet creates would break Graph's limits (graph-facts §1, group-post-groups.md):
 * `displayName` at most 256 characters, `mailNickname` at most 64. The names are built from several
 * keys — `<namingPrefix> Client <displayName>`, `<namingPrefix> <experts.groupName>`,
 * `<namingPrefix>-client-<id>` — so no single key's schema can hold the limit; the compiler names the
 * groups the same way (a test compiles a blueprint and compares).
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { Blueprint } from "../types.ts";
import { defineCheck, finding } from "./finding.ts";

/** Graph's limits for a group (graph-facts §1). */
export const GROUP_DISPLAY_NAME_MAX = 256;
export const GROUP_MAIL_NICKNAME_MAX = 64;

type Names = Pick<Blueprint, "tenant">;

export const clientGroupDisplayName = (bp: Names, clientDisplayName: string) => `${bp.tenant.namingPrefix} Client ${clientDisplayName}`;
export const expertsGroupDisplayName = (bp: Names, groupName: string) => `${bp.tenant.namingPrefix} ${groupName}`;
/** The prefix is letters and digits and the id a slug, so the nickname needs no other escaping. */
export const clientGroupMailNickname = (bp: Names, clientId: string) => `${bp.tenant.namingPrefix}-client-${clientId}`.toLowerCase();

export const graphGroupNameLimits = defineCheck(["tenant", "experts", "clients"], ["HF2030"], (bp, src) => {
  const by = (over: number) => `by ${over} character${over === 1 ? "" : "s"} or more`;
  const why = "Graph rejects the request that creates the group, so apply would stop there (graph-facts §1).";
  const found: Diagnostic[] = [];
  const experts = expertsGroupDisplayName(bp, bp.experts.groupName);
  if (experts.length > GROUP_DISPLAY_NAME_MAX) {
    found.push(
      finding(src, ["experts", "groupName"], "HF2030", "error", {
        message: `the experts group would be named "${experts.slice(0, 40)}…" (${experts.length} characters); Graph allows ${GROUP_DISPLAY_NAME_MAX}`,
        why,
        fix: `Shorten experts.groupName ${by(experts.length - GROUP_DISPLAY_NAME_MAX)}.`,
      }),
    );
  }
  bp.clients.forEach((client, i) => {
    const name = clientGroupDisplayName(bp, client.displayName);
    if (name.length > GROUP_DISPLAY_NAME_MAX) {
      found.push(
        finding(src, ["clients", i, "displayName"], "HF2030", "error", {
          message: `client \`${client.id}\`'s group would be named "${name.slice(0, 40)}…" (${name.length} characters); Graph allows ${GROUP_DISPLAY_NAME_MAX}`,
          why,
          fix: `Shorten clients[${i}].displayName ${by(name.length - GROUP_DISPLAY_NAME_MAX)} (or tenant.namingPrefix).`,
        }),
      );
    }
    const nickname = clientGroupMailNickname(bp, client.id);
    if (nickname.length > GROUP_MAIL_NICKNAME_MAX) {
      found.push(
        finding(src, ["clients", i, "id"], "HF2030", "error", {
          message: `client \`${client.id}\`'s group would get mailNickname "${nickname}" (${nickname.length} characters); Graph allows ${GROUP_MAIL_NICKNAME_MAX}`,
          why,
          fix: `Shorten clients[${i}].id ${by(nickname.length - GROUP_MAIL_NICKNAME_MAX)} (or tenant.namingPrefix).`,
        }),
      );
    }
  });
  return found;
});
