/**
 * `/users/delta` and `/groups/delta` (graph-facts §9.7; docs concepts/delta-query-overview.md):
 * a first round pages through every object with `@odata.nextLink` (`$skiptoken`) and ends with an
 * `@odata.deltaLink` (`$deltatoken`); following the deltaLink later returns only what changed
 * since — changed objects, `@removed` entries for deleted ones, and `members@delta` on groups.
 * Tokens are opaque base64url JSON of the change-sequence window (see `change-log.ts`).
 */
import { GraphHttpError, type GraphVersion, type SimResult, type SimStore } from "../framework.ts";
import { stripInternal } from "../odata/collection.ts";
import { parseSelect } from "../odata/select.ts";
import { changesBetween, currentChangeSeq } from "./change-log.ts";
import { findDirectoryObject } from "./membership.ts";
import { DIRECTORY_OBJECT_KINDS, type GroupDoc, type Tracked } from "./types.ts";

export const DELTA_PAGE_SIZE = 100;

interface DeltaState {
  /** Entity set. */
  k: "users" | "groups";
  /** Changes after this sequence value… */
  a: number;
  /** …up to and including this one (fixed when the round starts). */
  u: number;
  /** `$select`, carried across the round and into the deltaLink. */
  s: string | null;
  /** `$filter=id eq '…'` ids, when given. */
  f: string[] | null;
}

function encodeState(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString("base64url");
}

function decodeState(token: string, kind: DeltaState["k"]): DeltaState {
  try {
    const state = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as DeltaState;
    if (state.k === kind && Number.isInteger(state.a) && Number.isInteger(state.u)) return state;
  } catch {
    // fall through
  }
  throw new GraphHttpError(400, "Request_BadRequest", "The delta token or skip token is invalid.");
}

function queryParam(query: URLSearchParams, name: string): string | null {
  for (const [k, v] of query) if (k.toLowerCase() === name.toLowerCase()) return v;
  return null;
}

/** Delta accepts `$filter` only as `id eq '…' or id eq '…'` (delta-query-overview.md). */
function parseIdFilter(raw: string): string[] {
  const parts = raw.split(/\s+or\s+/i).map((p) => /^\s*id\s+eq\s+'([^']+)'\s*$/i.exec(p)?.[1]);
  if (parts.some((p) => p === undefined)) {
    throw new GraphHttpError(400, "Request_UnsupportedQuery", "Delta queries support $filter only on id with 'eq' joined by 'or'.");
  }
  return parts as string[];
}

export interface DeltaRequest {
  kind: "users" | "groups";
  version: GraphVersion;
  baseUrl: string;
  query: URLSearchParams;
  store: SimStore;
  defaultSelect: string[];
}

export function answerDelta(req: DeltaRequest): SimResult {
  for (const unsupported of ["$expand", "$orderby", "$top"]) {
    if (queryParam(req.query, unsupported) !== null) {
      throw new GraphHttpError(400, "Request_UnsupportedQuery", `${unsupported} is not supported on delta queries.`);
    }
  }
  // A `$select` naming no property of the entity is Graph's 400, on delta as on any read.
  parseSelect(req.query, req.version, req.kind === "users" ? "microsoft.graph.user" : "microsoft.graph.group");
  const deltaToken = queryParam(req.query, "$deltatoken");
  const skipToken = queryParam(req.query, "$skiptoken");
  const root = `${req.baseUrl}/${req.version}/${req.kind}/delta`;
  const now = currentChangeSeq(req.store);
  let state: DeltaState;
  let offset = 0;
  if (skipToken !== null) {
    const decoded = decodeState(skipToken, req.kind) as DeltaState & { o?: number };
    state = decoded;
    offset = decoded.o ?? 0;
  } else if (deltaToken !== null && deltaToken.toLowerCase() === "latest") {
    // "Sync from now": no objects, just a deltaLink.
    const select = queryParam(req.query, "$select");
    const latest: DeltaState = { k: req.kind, a: now, u: now, s: select, f: null };
    return { status: 200, body: { "@odata.context": contextUrl(req, select), "@odata.deltaLink": `${root}?$deltatoken=${encodeState(latest)}`, value: [] } };
  } else if (deltaToken !== null) {
    const previous = decodeState(deltaToken, req.kind);
    state = { ...previous, a: previous.u, u: now };
  } else {
    const filter = queryParam(req.query, "$filter");
    state = { k: req.kind, a: 0, u: now, s: queryParam(req.query, "$select"), f: filter ? parseIdFilter(filter) : null };
  }

  let changes = changesBetween<Tracked>(req.store, req.kind, state.a, state.u);
  if (state.f) {
    const ids = new Set(state.f.map((i) => i.toLowerCase()));
    changes = changes.filter((c) => ids.has((c.doc?.id ?? c.removed?.objectId ?? "").toLowerCase()));
  }
  const page = changes.slice(offset, offset + DELTA_PAGE_SIZE);
  const select = state.s ? state.s.split(",").map((s) => s.trim()).filter(Boolean) : null;
  const value = page.map((change) => {
    if (change.removed) return { id: change.removed.objectId, "@removed": { reason: change.removed.reason } };
    return projectChange(req, change.doc, select, state);
  });
  const body: Record<string, unknown> = { "@odata.context": contextUrl(req, state.s) };
  if (offset + DELTA_PAGE_SIZE < changes.length) {
    body["@odata.nextLink"] = `${root}?$skiptoken=${encodeState({ ...state, o: offset + DELTA_PAGE_SIZE } as DeltaState)}`;
  } else {
    body["@odata.deltaLink"] = `${root}?$deltatoken=${encodeState({ ...state, a: state.u })}`;
  }
  body.value = value;
  return { status: 200, body };
}

function contextUrl(req: DeltaRequest, select: string | null): string {
  return `${req.baseUrl}/${req.version}/$metadata#${req.kind}${select ? `(${select})` : ""}`;
}

function projectChange(req: DeltaRequest, doc: Tracked, select: string[] | null, state: DeltaState): Record<string, unknown> {
  const plain = stripInternal(doc);
  const names = (select ?? req.defaultSelect).filter((n) => n.toLowerCase() !== "members");
  const out: Record<string, unknown> = { id: plain.id };
  for (const name of names) {
    const key = Object.keys(plain).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) out[key] = plain[key];
  }
  const wantsMembers = req.kind === "groups" && (!select || select.some((n) => n.toLowerCase() === "members"));
  if (wantsMembers) out["members@delta"] = membersDelta(req.store, doc as unknown as GroupDoc, state);
  return out;
}

/** Full member list on a first round; on later rounds only additions and `@removed` removals. */
function membersDelta(store: SimStore, group: GroupDoc, state: DeltaState): Record<string, unknown>[] {
  const typeOf = (id: string) => {
    const found = findDirectoryObject(store, id);
    return found ? DIRECTORY_OBJECT_KINDS[found.kind] : "#microsoft.graph.directoryObject";
  };
  if (state.a === 0) return (group._members ?? []).map((id) => ({ "@odata.type": typeOf(id), id }));
  const last = new Map<string, boolean>();
  for (const entry of group._memberLog ?? []) {
    if (entry.seq > state.a && entry.seq <= state.u) last.set(entry.id, entry.removed);
  }
  return [...last].map(([id, removed]) =>
    removed ? { "@odata.type": typeOf(id), id, "@removed": { reason: "deleted" } } : { "@odata.type": typeOf(id), id },
  );
}
