/**
 * "On the beta endpoint, the $ prefix is optional. For example, instead of $filter, you can use
 * filter." (learn.microsoft.com/graph/query-parameters). Admin tools rely on it: IntuneCD reads a
 * settings catalog policy's settings with `…/settings?&top=1000`. On beta, a system query option
 * written without `$` is read as its `$` form (the `$` form wins when both are sent); v1.0, where
 * the prefix is optional "for only a subset of APIs", is left as sent.
 */
import type { GraphVersion } from "../framework.ts";

/** OData system query options the tenant reads. */
const SYSTEM_QUERY_OPTIONS = ["filter", "select", "expand", "orderby", "top", "skip", "count", "search", "skiptoken"] as const;

export function withDollarPrefixes(version: GraphVersion, query: URLSearchParams): URLSearchParams {
  if (version !== "beta" || !SYSTEM_QUERY_OPTIONS.some((name) => query.has(name))) return query;
  const out = new URLSearchParams();
  for (const [key, value] of query) {
    const bare = (SYSTEM_QUERY_OPTIONS as readonly string[]).includes(key);
    if (!bare) out.append(key, value);
    else if (!query.has(`$${key}`)) out.append(`$${key}`, value);
  }
  return out;
}
