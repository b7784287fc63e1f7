/**
 * Resolves a concrete OMA-URI to its catalog CSP node. `./Vendor/MSFT/…` and `./Device/Vendor/MSFT/…`
 * are the same device-scope node (hololens-facts conventions; ddf/README.md), `./User/Vendor/MSFT/…` is
 * user scope, and a `{Name}` segment of a node (e.g. `{PolicyGUID}`) matches any one concrete segment.
 * OMA-DM URIs are case-sensitive, so matching is exact.
 */
import type { CspNode } from "./types.ts";

interface ScopedUri {
  scope: "device" | "user";
  segments: string[];
}

/** Splits `./Device/Vendor/MSFT/A/B` into its scope and the segments from `Vendor` on. */
export function scopeOfUri(uri: string): ScopedUri | undefined {
  const m = /^\.\/(?:(Device|User)\/)?(Vendor\/.+)$/.exec(uri);
  if (!m) return undefined;
  const segments = (m[2] ?? "").split("/");
  if (segments.some((s) => s === "")) return undefined;
  return { scope: m[1] === "User" ? "user" : "device", segments };
}

const isPlaceholder = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

export interface CspIndex {
  find(omaUri: string): CspNode | undefined;
}

export function indexCspNodes(nodes: readonly CspNode[]): CspIndex {
  const exact = new Map<string, CspNode>();
  const dynamic: { scope: "device" | "user"; segments: string[]; node: CspNode }[] = [];
  for (const node of nodes) {
    const parsed = scopeOfUri(node.path);
    if (!parsed) throw new Error(`catalog CSP node has an unreadable path: ${node.path}`);
    if (parsed.segments.some(isPlaceholder)) dynamic.push({ ...parsed, node });
    else exact.set(`${parsed.scope}:${parsed.segments.join("/")}`, node);
  }
  return {
    find(omaUri) {
      const uri = scopeOfUri(omaUri);
      if (!uri) return undefined;
      const hit = exact.get(`${uri.scope}:${uri.segments.join("/")}`);
      if (hit) return hit;
      return dynamic.find(
        (d) =>
          d.scope === uri.scope &&
          d.segments.length === uri.segments.length &&
          d.segments.every((s, i) => (isPlaceholder(s) ? true : s === uri.segments[i])),
      )?.node;
    },
  };
}
