/**
 * `Settings/PageVisibilityList` (guide §GR-9): `showonly:` or `hide:` followed by `;`-separated page ids
 * (`policy-csp-settings.md`, hololens-facts §11).
 */

export interface PageVisibility {
  mode: "showonly" | "hide";
  pages: string[];
}

/** The policy's mode and pages, or null when the value is not a page list. */
export function readPageVisibility(value: string): PageVisibility | null {
  const m = /^\s*(showonly|hide)\s*:(.*)$/is.exec(value);
  if (!m) return null;
  const pages = m[2]!
    .split(";")
    .map((p) => p.trim().replace(/^ms-settings:/i, "").toLowerCase())
    .filter((p) => p !== "");
  return { mode: m[1]!.toLowerCase() as PageVisibility["mode"], pages: [...new Set(pages)] };
}
