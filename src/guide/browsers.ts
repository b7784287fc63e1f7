/**
 * Guide §CC chat history (and the note under §CC isolation): with single sign-on, a client who can open a
 * browser can use Teams on the web and read the organisation's call and chat history, so every browser must
 * be blocked. Which apps are browsers is catalog data (`CatalogApp.browser`).
 */
import { apps } from "../catalog/index.ts";

/** Catalog ids of every browser, in catalog order. */
export const BROWSER_APP_IDS: readonly string[] = apps.filter((app) => app.browser).map((app) => app.id);

/** The browsers (catalog ids) that `blocked` does not block: each one exposes chat history under SSO. */
export function openBrowsers(blocked: ReadonlySet<string>): string[] {
  return BROWSER_APP_IDS.filter((id) => !blocked.has(id));
}
