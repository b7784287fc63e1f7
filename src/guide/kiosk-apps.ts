/**
 * Guide §CC hidden or restricted apps: the kiosk hides, app control blocks. A kiosk app that app control
 * blocks shows a tile that never opens. The calling app is left to its own, more specific finding (it breaks
 * the whole deployment, not one tile).
 */

export interface BlockedKioskApp {
  app: string;
  /** Position in the kiosk's app list. */
  index: number;
}

/** The kiosk apps (catalog ids) that `blocked` blocks, other than the calling app. */
export function blockedKioskApps(kioskApps: readonly string[], blocked: ReadonlySet<string>, callingApp: string | null): BlockedKioskApp[] {
  return kioskApps.flatMap((app, index) => (blocked.has(app) && app !== callingApp ? [{ app, index }] : []));
}
