/**
 * Saved plans (`plan --out plan.json`, `apply --plan plan.json`): written whole or not at all (a
 * temporary file renamed into place), read back with a located error for anything that is not a
 * plan of this format. A plan holds no secret: passwords are generated only at apply time.
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import type { Diagnostic } from "../diag/diagnostic.ts";
import { PLAN_FORMAT_VERSION, type Plan } from "../engine/plan-types.ts";

export async function writePlanFile(path: string, plan: Plan): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await writeFile(tmp, `${JSON.stringify(plan, null, 2)}\n`, { flag: "wx" });
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** What `apply --plan` relies on; the rest of the file is for people and other tools. */
const savedPlanSchema = z.looseObject({
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  blueprint: z.looseObject({ file: z.string(), name: z.string(), digest: z.string().regex(/^[0-9a-f]{64}$/) }),
  tenant: z.looseObject({ id: z.string(), kind: z.enum(["local", "remote"]) }),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  adopt: z.array(z.string()),
  changes: z.array(z.looseObject({ address: z.string(), action: z.string() })),
});

export type SavedPlan = z.infer<typeof savedPlanSchema>;

export async function readPlanFile(path: string): Promise<{ plan?: SavedPlan; diagnostics: Diagnostic[] }> {
  const at = { file: path, start: { line: 1, col: 1 } };
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    return { diagnostics: [{ severity: "error", code: "HF5503", message: `the plan file ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, source: at, fix: "Give the file `holofleet plan --out` wrote." }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { diagnostics: [{ severity: "error", code: "HF5503", message: `${path} is not JSON: ${(err as Error).message}`, source: at, fix: "Give the file `holofleet plan --out` wrote." }] };
  }
  const parsed = savedPlanSchema.safeParse(json);
  if (!parsed.success)
    return {
      diagnostics: parsed.error.issues.map((i) => ({
        severity: "error" as const,
        code: "HF5503",
        message: `${path} is not a holofleet plan of format ${PLAN_FORMAT_VERSION}: ${i.path.join(".") || "the file"}: ${i.message}`,
        source: at,
        path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
        fix: "Make a new plan with `holofleet plan --out`.",
      })),
    };
  return { plan: parsed.data, diagnostics: [] };
}
