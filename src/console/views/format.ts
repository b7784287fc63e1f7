/** How the console writes times and counts: dates as YYYY-MM-DD (UTC), times to the minute, plural nouns. */

/** `2026-03-01` (UTC); an empty string for null. */
export function day(iso: string | null | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 10) : "";
}

/** `2026-03-01 09:30 UTC`. */
export function minute(iso: string | null | undefined): string {
  return iso ? `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

/** `console:alice` → `alice (console)`; other actors as they are. */
export function actorName(actor: string): string {
  const m = /^(console|cli):(.+)$/.exec(actor);
  return m ? `${m[2]} (${m[1]})` : actor;
}
