/**
 * Which other clients an account can find (people search) and call, under the isolation the program uses
 * (guide §CC isolation). Baseline: the guide's own statement — clients can search for each other but Remote
 * Assist cannot call HoloLens to HoloLens. Information barriers: segments and active policies from the
 * evidence files decide both, in both directions. Scoped directory search: the account's mailbox address
 * book policy decides what it finds (only while Teams "search by name" is scoped); calling stays at the
 * baseline. Without the evidence a mode needs, the reach is unknown and the missing files are named.
 */
import type { IsolationMode } from "../../blueprint/types.ts";
import type { Evidence, EvidenceKind } from "../evidence/schema.ts";
import type { SnapshotUser } from "../snapshot/schema.ts";
import type { Directory } from "./directory.ts";
import { evaluateFilter, parseRecipientFilter, type FilterNode } from "./recipient-filter.ts";

export const EVIDENCE_NEEDED: Readonly<Record<IsolationMode, EvidenceKind[]>> = {
  baseline: [],
  "information-barriers": ["organizationSegments", "informationBarrierPolicies"],
  "scoped-directory-search": ["addressBookPolicies", "addressLists", "mailboxes", "teamsClientConfiguration"],
};

export type IsolationReach =
  | { state: "evaluated"; mode: IsolationMode; canFind: string[]; canCall: string[]; basis: string }
  | { state: "missing-evidence"; mode: IsolationMode; missing: EvidenceKind[] }
  | { state: "unevaluable"; mode: IsolationMode; reason: string };

export interface ClientAccount {
  user: SnapshotUser;
  clientId: string;
}

/** Attribute values of a user, for the attributes per-client isolation filters on. */
function attributeReader(user: SnapshotUser, dir: Directory): (attribute: string) => string[] | null {
  return (attribute) => {
    switch (attribute.toLowerCase()) {
      case "department":
        return user.department ? [user.department] : [];
      case "company":
      case "companyname":
        return user.companyName ? [user.companyName] : [];
      case "memberof": {
        // A segment names a Microsoft 365 group by object id or email address.
        return [...dir.groupsOf(user.id)].flatMap((id) => [id, dir.groupsById.get(id)?.mail ?? ""]).filter(Boolean);
      }
      case "memberofgroup": {
        // Address lists name a group by distinguished name: its CN is the alias, with a unique suffix.
        return [...dir.groupsOf(user.id)].flatMap((id) => (dir.groupsById.get(id)?.mailNickname ? [dir.groupsById.get(id)!.mailNickname!] : []));
      }
      default:
        return null;
    }
  };
}

/** `MemberOfGroup -eq 'CN=alias_1a2b,OU=…'` compares group aliases: rewrite the DN to its alias. */
function normaliseGroupDns(node: FilterNode): FilterNode {
  if (!("attribute" in node)) return { op: node.op, left: normaliseGroupDns(node.left), right: normaliseGroupDns(node.right) };
  if (node.attribute.toLowerCase() !== "memberofgroup") return node;
  const cn = /^CN=([^,]+)/i.exec(node.value)?.[1] ?? node.value;
  return { ...node, value: cn.replace(/_[0-9a-f]{6,}$/i, "") };
}

export interface IsolationContext {
  mode: IsolationMode;
  evidence: Evidence;
  dir: Directory;
  accounts: readonly ClientAccount[];
}

/** Reach of every client account, keyed by user id. */
export function isolationReach(ctx: IsolationContext): Map<string, IsolationReach> {
  const out = new Map<string, IsolationReach>();
  const clientIds = [...new Set(ctx.accounts.map((a) => a.clientId))].sort();
  const others = (self: string) => clientIds.filter((c) => c !== self);
  const missing = EVIDENCE_NEEDED[ctx.mode].filter((k) => ctx.evidence[k] === undefined);
  if (missing.length) {
    for (const a of ctx.accounts) out.set(a.user.id, { state: "missing-evidence", mode: ctx.mode, missing });
    return out;
  }
  if (ctx.mode === "baseline") {
    for (const a of ctx.accounts) {
      out.set(a.user.id, { state: "evaluated", mode: ctx.mode, canFind: others(a.clientId), canCall: [], basis: "Remote Assist cannot call HoloLens to HoloLens; people search is not restricted (guide §CC isolation)" });
    }
    return out;
  }
  return ctx.mode === "information-barriers" ? informationBarrierReach(ctx, out) : scopedSearchReach(ctx, out, others);
}

function informationBarrierReach(ctx: IsolationContext, out: Map<string, IsolationReach>): Map<string, IsolationReach> {
  const segments = ctx.evidence.organizationSegments!.map((s) => ({ name: s.Name, parsed: parseRecipientFilter(s.UserGroupFilter) }));
  const bad = segments.find((s) => !s.parsed.ok);
  const unevaluable = (reason: string) => {
    for (const a of ctx.accounts) out.set(a.user.id, { state: "unevaluable", mode: ctx.mode, reason });
    return out;
  };
  if (bad && !bad.parsed.ok) return unevaluable(`segment ${bad.name}: ${bad.parsed.error}`);
  const policies = ctx.evidence.informationBarrierPolicies!.filter((p) => p.State.toLowerCase() === "active");
  const segmentOf = new Map<string, string | null>();
  for (const a of ctx.accounts) {
    const read = attributeReader(a.user, ctx.dir);
    const matches: string[] = [];
    for (const s of segments) {
      const r = evaluateFilter((s.parsed as { ok: true; filter: FilterNode }).filter, read);
      if (r === null) return unevaluable(`segment ${s.name} filters on an attribute the snapshot does not hold`);
      if (r) matches.push(s.name);
    }
    segmentOf.set(a.user.id, matches[0] ?? null);
  }
  /** Whether segment `from` may communicate with segment `to` under `from`'s active policy. */
  const allows = (from: string | null, to: string | null): boolean => {
    const policy = from === null ? undefined : policies.find((p) => p.AssignedSegment.toLowerCase() === from.toLowerCase());
    if (!policy) return true;
    const eq = (list: readonly string[] | undefined) => (list ?? []).some((s) => to !== null && s.toLowerCase() === to.toLowerCase());
    if ((policy.SegmentsAllowed ?? []).length > 0) return eq(policy.SegmentsAllowed);
    return !eq(policy.SegmentsBlocked);
  };
  for (const a of ctx.accounts) {
    const mine = segmentOf.get(a.user.id) ?? null;
    const reachable = new Set<string>();
    for (const b of ctx.accounts) {
      if (b.clientId === a.clientId) continue;
      const theirs = segmentOf.get(b.user.id) ?? null;
      if (allows(mine, theirs) && allows(theirs, mine)) reachable.add(b.clientId);
    }
    const list = [...reachable].sort();
    out.set(a.user.id, { state: "evaluated", mode: ctx.mode, canFind: list, canCall: list, basis: mine ? `segment ${mine}` : "in no segment" });
  }
  return out;
}

function scopedSearchReach(ctx: IsolationContext, out: Map<string, IsolationReach>, others: (self: string) => string[]): Map<string, IsolationReach> {
  const ev = ctx.evidence;
  const scoped = ev.teamsClientConfiguration!.AllowScopedPeopleSearchandAccess;
  const listsByName = new Map(ev.addressLists!.map((l) => [l.Name.replace(/^\\/, "").toLowerCase(), l]));
  const policyByName = new Map(ev.addressBookPolicies!.map((p) => [p.Name.toLowerCase(), p]));
  const policyOf = new Map(ev.mailboxes!.map((m) => [m.UserPrincipalName.toLowerCase(), m.AddressBookPolicy ?? null]));
  for (const a of ctx.accounts) {
    const baseline = { canCall: [] as string[] };
    const policyName = policyOf.get(a.user.userPrincipalName.toLowerCase()) ?? null;
    const policy = policyName ? policyByName.get(policyName.replace(/^\\/, "").toLowerCase()) : undefined;
    if (!scoped || !policy) {
      const basis = !scoped ? "Teams search by name is not scoped by address book policies" : policyName ? `address book policy ${policyName} not found` : "no address book policy on the mailbox (or no mailbox)";
      out.set(a.user.id, { state: "evaluated", mode: ctx.mode, canFind: others(a.clientId), ...baseline, basis });
      continue;
    }
    const lists = [...policy.AddressLists, policy.GlobalAddressList ?? ""].filter(Boolean).map((n) => listsByName.get(n.replace(/^\\/, "").toLowerCase()));
    if (lists.some((l) => !l || !l.RecipientFilter)) {
      out.set(a.user.id, { state: "unevaluable", mode: ctx.mode, reason: `an address list of ${policy.Name} is missing from the evidence or has no recipient filter` });
      continue;
    }
    const filters = lists.map((l) => parseRecipientFilter(l!.RecipientFilter!));
    const bad = filters.find((f) => !f.ok);
    if (bad && !bad.ok) {
      out.set(a.user.id, { state: "unevaluable", mode: ctx.mode, reason: `address list filter: ${bad.error}` });
      continue;
    }
    const reachable = new Set<string>();
    let unknown = false;
    for (const b of ctx.accounts) {
      if (b.clientId === a.clientId) continue;
      const read = attributeReader(b.user, ctx.dir);
      for (const f of filters) {
        const r = evaluateFilter(normaliseGroupDns((f as { ok: true; filter: FilterNode }).filter), read);
        if (r === null) unknown = true;
        if (r) reachable.add(b.clientId);
      }
    }
    if (unknown) out.set(a.user.id, { state: "unevaluable", mode: ctx.mode, reason: `a filter of ${policy.Name} uses an attribute the snapshot does not hold` });
    else out.set(a.user.id, { state: "evaluated", mode: ctx.mode, canFind: [...reachable].sort(), ...baseline, basis: `address book policy ${policy.Name}` });
  }
  return out;
}
