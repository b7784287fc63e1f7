/**
 * Test helper: mulberry32, a tiny seeded PRNG, so the compiler's random and fuzz tests repeat exactly
 * for a given seed. The local tenant has its own copy (tenant-sim/faults/prng.ts) on purpose: the core
 * and the simulator share no code (ARCHITECTURE §1).
 */

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
