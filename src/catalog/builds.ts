/**
 * HoloLens 2 OS build numbers: parsing and ordering. Builds are written `major.minor` (`22621.1266`);
 * devices and Graph also report the full `10.0.major.minor` form, which is accepted everywhere here.
 * Only a change of the major number is a feature update (`docs/hololens-release-notes.md`).
 */

export interface BuildNumber {
  major: number;
  minor: number;
}

const BUILD = /^(?:10\.0\.)?(\d{4,6})\.(\d{1,6})$/;

/** Parses `22621.1266` or `10.0.22621.1266`; undefined for anything else. */
export function parseBuild(text: string): BuildNumber | undefined {
  const m = BUILD.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** The canonical `major.minor` form, or undefined when `text` is not a build. */
export function normalizeBuild(text: string): string | undefined {
  const b = parseBuild(text);
  return b ? `${b.major}.${b.minor}` : undefined;
}

/**
 * Orders two builds: negative when `a` is older, 0 when equal, positive when newer.
 * Throws a RangeError for a malformed build: comparing garbage would silently pass a baseline check.
 */
export function compareBuilds(a: string, b: string): number {
  const pa = parseBuild(a);
  const pb = parseBuild(b);
  if (!pa) throw new RangeError(`not a HoloLens build number: "${a}" (expected major.minor, e.g. 22621.1266)`);
  if (!pb) throw new RangeError(`not a HoloLens build number: "${b}" (expected major.minor, e.g. 22621.1266)`);
  return pa.major !== pb.major ? Math.sign(pa.major - pb.major) : Math.sign(pa.minor - pb.minor);
}
