/**
 * HF2030: a group holofleet creates would break Graph's limits (graph-facts §1, group-post-groups.md):
 * `displayName` at most 256 characters, `mailNickname` at most 64. The names are built from several
 * keys — `<namingPrefix> Client <displayName>`, `<namingPrefix> <experts.groupName>`,
 * `<namingPrefix>-client-<id>` — so no single key's schema can
 * hold the limit. The names come from `object-names.ts`, which the compiler uses too.
 */
import type { Diagnostic } from "../../diag/diagnostic.ts";
import {
  clientGroupDisplayName,
  clientGroupMailNickname,
  expertsGroupDisplayName,
  GROUP_DISPLAY_NAME_MAX,
  MAIL_NICKNAME_MAX as GROUP_MAIL_NICKNAME_MAX,
} from "../object-names.ts";
import { defineCheck, finding } from "./finding.ts";

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
