/**
 * `holofleet snapshot --out <file> [--tenant …]`: reads the tenant through Graph (the local tenant by default)
 * into the snapshot document `holofleet audit --snapshot` reads offline. Written atomically; it holds what Graph
 * returns and no credential. A thin shell over `operations/snapshot.ts`. Exit 0 written, 1 on an error.
 */
import type { Command } from "commander";
import { formatDiagnostic, sortDiagnostics } from "../../diag/diagnostic.ts";
import { snapshotTenant } from "../../operations/snapshot.ts";
import { ExitCode } from "../run.ts";
import { writeFileAtomic } from "./appcontrol.ts";
import { addTargetOptions, targetOptions, type TargetFlags } from "./login.ts";

export const SNAPSHOT_DESCRIPTION = "read the tenant through Graph into a snapshot file for `holofleet audit --snapshot` (exit 0 written, 1 error)";

export function registerSnapshot(program: Command): void {
  addTargetOptions(program.command("snapshot"))
    .description(SNAPSHOT_DESCRIPTION)
    .requiredOption("--out <file>", "where to write the snapshot (JSON, written atomically)")
    .action(async (flags: TargetFlags & { out: string }) => {
      const outcome = await snapshotTenant(targetOptions(flags, "run"), process.env, {
        now: () => new Date(),
        onProgress: (e) => process.stderr.write(`read ${e.part}: ${e.items}\n`),
      });
      for (const d of sortDiagnostics(outcome.diagnostics)) process.stderr.write(`${formatDiagnostic(d)}\n`);
      if (!outcome.snapshot) {
        process.stderr.write("no snapshot written — fix the errors above\n");
        throw new ExitCode(1);
      }
      await writeFileAtomic(flags.out, `${JSON.stringify(outcome.snapshot, null, 1)}\n`);
      const s = outcome.snapshot;
      process.stderr.write(`wrote the snapshot of ${outcome.source} to ${flags.out}: ${s.managedDevices.length} managed devices, ${s.users.length} users, ${s.groups.length} groups, ${s.deviceConfigurations.length} configurations\n`);
    });
}
