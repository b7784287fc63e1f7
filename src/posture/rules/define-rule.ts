/**
 * `defineRule({ id, meta, check })`: one posture rule. The check is pure — effective posture in, one outcome
 * per subject out (pass, fail, manual or not_applicable, so reports show coverage); it never formats text:
 * messages come from `meta.messages`, so SARIF, HTML and the terminal say the same thing.
 */
import type { Acknowledgement } from "../../blueprint/schema/acknowledge.ts";
import type { Blueprint } from "../../blueprint/types.ts";
import type { AccountPosture, DevicePosture, EffectivePosture } from "../effective/evaluate.ts";
import type { TenantSnapshot } from "../snapshot/schema.ts";
import type { RuleMeta, RuleOutcome, Status, Subject } from "./types.ts";

export interface RuleContext {
  posture: EffectivePosture;
  snapshot: TenantSnapshot;
  /** The program: the blueprint, or the guide's defaults standing in for one. */
  bp: Blueprint;
  /** Whether the blueprint accepts this risk on purpose. */
  acknowledged(id: Acknowledgement): boolean;
  deviceSubject(d: DevicePosture): Subject;
  accountSubject(a: AccountPosture): Subject;
  tenantSubject(): Subject;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  check(ctx: RuleContext): RuleOutcome[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** An outcome about a device, with its client. */
export function deviceOutcome(ctx: RuleContext, d: DevicePosture, status: Status, messageId: string, data: RuleOutcome["data"] = {}, evidence: Record<string, unknown> = {}): RuleOutcome {
  return { subject: ctx.deviceSubject(d), status, messageId, data: { device: d.name, serial: d.serial, ...data }, evidence, client: d.clientId };
}

/** An outcome about a client account, with its client. */
export function accountOutcome(ctx: RuleContext, a: AccountPosture, status: Status, messageId: string, data: RuleOutcome["data"] = {}, evidence: Record<string, unknown> = {}): RuleOutcome {
  return { subject: ctx.accountSubject(a), status, messageId, data: { account: a.user.userPrincipalName, ...data }, evidence, client: a.clientId };
}

/** `a, b and c`. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
