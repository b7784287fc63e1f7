/**
 * "Did you mean" for unknown names: the closest candidates by edit distance. Hand-written (a dozen
 * lines of the classic dynamic programme) rather than a dependency, because the lists are tiny.
 */

/** Levenshtein distance between two strings (case-insensitive). */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[t.length]!;
}

/** Up to `max` candidates close to `input` (distance ≤ a third of the length, or a prefix/substring match). */
export function suggest(input: string, candidates: readonly string[], max = 3): string[] {
  const lower = input.toLowerCase();
  const limit = Math.max(2, Math.floor(input.length / 3));
  return candidates
    .map((candidate) => {
      const c = candidate.toLowerCase();
      const contains = lower.length >= 3 && (c.includes(lower) || lower.includes(c));
      return { candidate, distance: contains ? 0.5 : editDistance(input, candidate) };
    })
    .filter((x) => x.distance <= limit)
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, max)
    .map((x) => x.candidate);
}

/** ` Did you mean "x" or "y"?` or the empty string. */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const hits = suggest(input, candidates);
  if (hits.length === 0) return "";
  const quoted = hits.map((h) => `"${h}"`);
  return ` Did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`}?`;
}
