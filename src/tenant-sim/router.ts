/**
 * Matches a request path under `/v1.0` or `/beta` to a `RouteDef`. Patterns use `{name}` for
 * parameters, also inside a segment (`/groups(uniqueName='{uniqueName}')`). The most literal
 * pattern wins, so `/users/delta` beats `/users/{id}`. Directory paths are case-insensitive;
 * Intune (`/deviceManagement/…`) is case-sensitive, as the service is (graph-facts §9.3).
 */
import type { GraphVersion, HttpMethod, RouteDef } from "./framework.ts";

interface CompiledSegment {
  regex: RegExp;
  names: string[];
  /** Per name: the parameter sits inside single quotes (`'{deviceId}'`), an OData string literal. */
  quoted: boolean[];
  literalChars: number;
}

interface CompiledRoute {
  route: RouteDef;
  segments: CompiledSegment[];
}

export type RouteMatch =
  | { kind: "match"; route: RouteDef; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: HttpMethod[] }
  | { kind: "not-found"; segment: string };

export interface Router {
  match(version: GraphVersion, method: HttpMethod, path: string): RouteMatch;
}

/** Splits a raw URL path into decoded segments (`%24ref` → `$ref`). */
export function splitPath(path: string): string[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A parameter inside single quotes is an OData string literal (`devices(deviceId='x''y')`): it
 * matches only doubled quotes inside — a lone quote ends the literal, so the path does not match
 * (400) — and its value is unescaped (graph-facts §9.3, "Escaping single quotes").
 */
const QUOTED_LITERAL = "((?:[^']|'')+?)";

function compileSegment(pattern: string, caseSensitive: boolean): CompiledSegment {
  const names: string[] = [];
  const quoted: boolean[] = [];
  let source = "";
  let literalChars = 0;
  let last = 0;
  for (const m of pattern.matchAll(/\{([^}]+)\}/g)) {
    const literal = pattern.slice(last, m.index);
    source += escapeRegex(literal);
    literalChars += literal.length;
    names.push(m[1] ?? "");
    const isQuoted = literal.endsWith("'") && pattern[(m.index ?? 0) + m[0].length] === "'";
    quoted.push(isQuoted);
    source += isQuoted ? QUOTED_LITERAL : "(.+?)";
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = pattern.slice(last);
  source += escapeRegex(tail);
  literalChars += tail.length;
  return { regex: new RegExp(`^${source}$`, caseSensitive ? "" : "i"), names, quoted, literalChars };
}

function isIntunePath(path: string): boolean {
  return /^\/deviceManagement(\/|$)/i.test(path);
}

export function compileRouter(routes: readonly RouteDef[]): Router {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    route,
    segments: splitPath(route.path).map((s) => compileSegment(s, isIntunePath(route.path))),
  }));

  function matchSegments(c: CompiledRoute, segs: string[]): Record<string, string> | undefined {
    if (c.segments.length !== segs.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < segs.length; i++) {
      const m = c.segments[i]!.regex.exec(segs[i]!);
      if (!m) return undefined;
      const segment = c.segments[i]!;
      segment.names.forEach((name, j) => {
        const value = m[j + 1] ?? "";
        params[name] = segment.quoted[j] ? value.replace(/''/g, "'") : value;
      });
    }
    return params;
  }

  const specificity = (c: CompiledRoute) => c.segments.reduce((n, s) => n + s.literalChars, 0);

  return {
    match(version, method, path) {
      const segs = splitPath(path);
      let best: { c: CompiledRoute; params: Record<string, string> } | undefined;
      const allowed = new Set<HttpMethod>();
      for (const c of compiled) {
        if (!c.route.versions.includes(version)) continue;
        const params = matchSegments(c, segs);
        if (!params) continue;
        if (c.route.method !== method) {
          allowed.add(c.route.method);
          continue;
        }
        if (!best || specificity(c) > specificity(best.c)) best = { c, params };
      }
      if (best) return { kind: "match", route: best.c.route, params: best.params };
      if (allowed.size) return { kind: "method-not-allowed", allowed: [...allowed] };
      return { kind: "not-found", segment: firstUnknownSegment(compiled, version, segs) };
    },
  };
}

/** Graph names the first segment it could not resolve: "Resource not found for the segment 'x'." */
function firstUnknownSegment(compiled: CompiledRoute[], version: GraphVersion, segs: string[]): string {
  for (let i = 0; i < segs.length; i++) {
    const known = compiled.some(
      (c) => c.route.versions.includes(version) && c.segments.length > i && c.segments.slice(0, i + 1).every((s, j) => s.regex.test(segs[j]!)),
    );
    if (!known) return segs[i]!;
  }
  return segs[segs.length - 1] ?? "";
}
