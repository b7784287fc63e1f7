/**
 * Collection options of directory lists: pages of 100 by default and at most 999 (graph-facts §9.2),
 * every property unless the entity has a default set, plain `$filter` unless the collection needs
 * advanced queries (users, groups, devices and `directoryObject` lists do, §9.3).
 */
import type { CollectionOptions } from "../framework.ts";

export function directoryCollection(contextPath: string, overrides: Partial<Omit<CollectionOptions, "contextPath">> = {}): CollectionOptions {
  return {
    contextPath,
    maxTop: 999,
    defaultTop: 100,
    defaultSelect: null,
    basicFilterProperties: null,
    advancedQueryNeedsEventual: false,
    ...overrides,
  };
}
