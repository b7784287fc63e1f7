/**
 * WDAC benchmark: decode and re-encode the largest public vector (Krueger 020c8b1: 171,996 bytes,
 * 1,376 file rules, 136 signers), and compile its XML form. Times are reported as ms/op and as
 * ratios against baselines measured in the same run (SHA-256 and a copy of the same bytes), so the
 * numbers mean something on any machine. Skipped when the reference folder is missing.
 */
import { createHash } from "node:crypto";
import { compileSiPolicy, decodeSiPolicy, encodeSiPolicy, siPolicyModelToXml } from "../src/compile/app-control/index.ts";
import { readVectorBytes, referenceVectors } from "../src/compile/app-control/testing-vectors.ts";
import type { Benchmark } from "./index.ts";

const LARGEST = "krueger-020c8b1";

/** Median ms per operation over `rounds` timed batches, after a warm-up. */
function measure(op: () => unknown, minMs = 300, rounds = 5): number {
  for (let i = 0; i < 3; i++) op();
  let perBatch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < perBatch; i++) op();
    if (performance.now() - t >= minMs / rounds) break;
    perBatch *= 2;
  }
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    for (let i = 0; i < perBatch; i++) op();
    samples.push((performance.now() - t) / perBatch);
  }
  return samples.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

export const wdacBenchmark: Benchmark = {
  name: "wdac: decode / encode / compile the largest SiPolicy vector",
  async run() {
    const vector = referenceVectors()?.find((v) => v.id === LARGEST);
    if (!vector) return [`skipped: the reference folder (../shared/reference/wdac, or HOLOFLEET_REFERENCE_DIR) is missing, so ${LARGEST} is not available`];
    const bytes = readVectorBytes(vector.binPath);
    const model = decodeSiPolicy(bytes);
    const xml = siPolicyModelToXml(model);
    if (!Buffer.from(encodeSiPolicy(model)).equals(Buffer.from(bytes))) throw new Error("round trip is not byte-identical");

    const sha = measure(() => createHash("sha256").update(bytes).digest());
    const copy = measure(() => Buffer.from(bytes));
    const decode = measure(() => decodeSiPolicy(bytes));
    const encode = measure(() => encodeSiPolicy(model));
    const roundTrip = measure(() => encodeSiPolicy(decodeSiPolicy(bytes)));
    const compile = measure(() => compileSiPolicy(xml));
    const ms = (n: number): string => `${n.toFixed(3)} ms/op`;
    const ratio = (n: number): string => `${(n / sha).toFixed(0)}× SHA-256, ${(n / copy).toFixed(0)}× copy`;
    return [
      `vector ${LARGEST}: ${bytes.length} bytes, ${model.fileRules.length} file rules, ${model.signers.length} signers; XML form ${xml.length} chars`,
      `baseline SHA-256 of the bytes   ${ms(sha)}`,
      `baseline Buffer copy            ${ms(copy)}`,
      `decode (binary → model)         ${ms(decode)}  (${ratio(decode)})`,
      `encode (model → binary)         ${ms(encode)}  (${ratio(encode)})`,
      `decode + re-encode              ${ms(roundTrip)}  (${ratio(roundTrip)})`,
      `compile (XML → binary)          ${ms(compile)}  (${ratio(compile)})`,
    ];
  },
};
