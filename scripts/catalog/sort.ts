/**
 * Locale-independent ordering for generated data: the same input must give the same bytes on every
 * machine, so no `localeCompare` (its order depends on the ICU data and locale of the host).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
