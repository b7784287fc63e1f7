/**
 * "Did you mean" for unknown names: the closest candidates, by optimal-string-alignment distance (a
 * swapped pair of letters counts as one typo) on lower-cased names with and without separators, so
 * `Remote_Assist`, `remoteassist` and `remtoe-assist` all find `remote-assist`. Candidates may carry
 * aliases (a catalog display name such as "Microsoft Store") that lead to the id. Hand-written (a dozen
 * lines of the classic dynamic programme) rather than a dependency, because the lists are small.
 */

/** A name to suggest, and other spellings that should lead to it (display names). */
export interface Candidate {
  name: string;
  aliases?: readonly string[];
}

/**
 * Edit distance between two strings (case-insensitive), counting an adjacent transposition as one edit.
 * Keeps three rows of the table, the length of the shorter string: an unknown key of a megabyte
 * compared with a short candidate stays small in memory (the whole table took gigabytes).
 */
export function editDistance(a: string, b: string): number {
  const [s, t] = a.length >= b.length ? [a.toLowerCase(), b.toLowerCase()] : [b.toLowerCase(), a.toLowerCase()];
  let before = new Uint32Array(t.length + 1); // row i - 2
  let previous = Uint32Array.from({ length: t.length + 1 }, (_, j) => j); // row i - 1
  let row = new Uint32Array(t.length + 1); // row i
  for (let i = 1; i <= s.length; i++) {
    row[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      row[j] = best;
    }
    [before, previous, row] = [previous, row, before];
  }
  return previous[t.length]!;
}

/** Lower case without separators: `Remote_Assist` and `remote-assist` both become `remoteassist`. */
const squash = (text: string) => text.toLowerCase().replace(/[\s_.-]+/g, "");

/** The words of a name: `deferQualityDays` → defer, quality, days; `remote-assist` → remote, assist. */
const words = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_.-]+/)
    .filter(Boolean);

/** The same words in another order or form: `deferQualityDays` and `qualityDeferralDays`. */
function sameWords(input: string, spelling: string): boolean {
  const a = words(input);
  const b = words(spelling);
  if (a.length < 2 || a.length !== b.length) return false;
  const alike = (x: string, y: string) => Math.min(x.length, y.length) >= 3 && (x.startsWith(y) || y.startsWith(x));
  return a.every((x) => b.some((y) => alike(x, y))) && b.every((y) => a.some((x) => alike(x, y)));
}

/** How far `input` is from one spelling; a containment or same-words match ranks after a one-letter typo. */
function score(input: string, spelling: string): { distance: number; contained: boolean } {
  const a = squash(input);
  const b = squash(spelling);
  if (a === b) return { distance: 0, contained: false };
  if (sameWords(input, spelling)) return { distance: Math.min(editDistance(a, b), 1.6), contained: true };
  const distance = Math.min(editDistance(input, spelling), editDistance(a, b));
  if (a.length >= 3 && b.length >= 3 && (a.includes(b) || b.includes(a))) {
    // A shared start ranks before a match inside the word; then the closest length wins:
    // `edg` → `edge` before `edge-legacy`, `exchange` → `EXCHANGE_S_…` before `MIP_S_EXCHANGE`.
    const prefix = a.startsWith(b) || b.startsWith(a);
    return { distance: Math.min(distance, (prefix ? 1.5 : 1.7) + Math.abs(a.length - b.length) / 1000), contained: true };
  }
  return { distance, contained: false };
}

/**
 * Up to `max` candidates close to `input`: within a quarter of its length in edits (at least 2; 1 for
 * inputs of up to 3 characters, where 2 edits change most of the word), or containing it. A candidate
 * whose name differs only in case or separators is the only suggestion.
 */
export function suggest(input: string, candidates: readonly (string | Candidate)[], max = 3): string[] {
  const length = squash(input).length;
  const limit = length <= 3 ? 1 : Math.max(2, Math.floor(length / 4));
  const scored = candidates
    .map((c) => (typeof c === "string" ? { name: c, aliases: [] } : { name: c.name, aliases: c.aliases ?? [] }))
    .map(({ name, aliases }) => {
      const scores = [name, ...aliases].map((spelling) => score(input, spelling));
      const best = scores.reduce((x, y) => (y.distance < x.distance ? y : x));
      return { name, ...best, exact: squash(name) === squash(input) };
    });
  const exact = scored.filter((x) => x.exact);
  return (exact.length > 0 ? exact : scored.filter((x) => x.distance <= limit || x.contained))
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i)
    .slice(0, max)
    .map((x) => x.name);
}

/** ` Did you mean "x" or "y"?` or the empty string. */
export function didYouMean(input: string, candidates: readonly (string | Candidate)[]): string {
  const hits = suggest(input, candidates);
  if (hits.length === 0) return "";
  const quoted = hits.map((h) => `"${h}"`);
  return ` Did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`}?`;
}
