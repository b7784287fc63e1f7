import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import { diagnosticLines } from "./diagnostics.ts";

const at = (line: number, severity: Diagnostic["severity"] = "error"): Diagnostic => ({
  severity,
  code: "HF1010",
  message: `problem on line ${line}`,
  source: { file: "bp.yaml", start: { line, col: 1 } },
});

describe("diagnosticLines", () => {
  it("up to the limit → every diagnostic, in file order, errors to stderr and warnings to stdout", () => {
    const lines = diagnosticLines([at(3, "warning"), at(1)], 2);
    expect(lines).toEqual([
      { stream: "stderr", line: "bp.yaml:1:1  HF1010  problem on line 1" },
      { stream: "stdout", line: "bp.yaml:3:1  HF1010  warning problem on line 3" },
    ]);
  });

  it("over the limit → the first ones in file order, then the count of the rest by severity", () => {
    const many = [...Array.from({ length: 120_000 }, (_, i) => at(120_000 - i)), at(200_000, "warning")];
    const lines = diagnosticLines(many, 50);
    expect(lines).toHaveLength(51);
    expect(lines[0]!.line).toBe("bp.yaml:1:1  HF1010  problem on line 1");
    expect(lines[49]!.line).toBe("bp.yaml:50:1  HF1010  problem on line 50");
    expect(lines[50]).toEqual({ stream: "stderr", line: "… and 119951 more (119950 errors, 1 warning) not shown; --json lists them all" });
  });
});
