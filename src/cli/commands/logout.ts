/**
 * `holofleet logout [--tenant …]`: removes the cached sign-ins (all of them, or those of one
 * tenant) from `.holofleet/auth/token-cache.json`, and the file once it is empty.
 */
import type { Command } from "commander";
import { AuthenticationError } from "../../auth/errors.ts";
import { nodeFiles } from "../../auth/node-files.ts";
import { DEFAULT_STATE_DIR, resolveTarget } from "../../auth/target.ts";
import { tokenCachePath } from "../../auth/token-cache.ts";
import { signOut } from "../../auth/user-sign-in.ts";
import { UserError } from "../../diag/diagnostic.ts";
import { addTargetOptions, targetOptions, type TargetFlags } from "./login.ts";

/** Signing out touches only the cache, so any app id matches the cached accounts. */
const ANY_APP = "00000000-0000-0000-0000-000000000000";

export function registerLogout(program: Command): void {
  addTargetOptions(program.command("logout"))
    .description("forget the signed-in people (all, or only those of --tenant)")
    .action(async (flags: TargetFlags) => {
      let target;
      if (flags.tenant !== undefined) {
        const resolved = resolveTarget({ ...targetOptions(flags, "login"), clientId: ANY_APP }, process.env, nodeFiles);
        if (!resolved.target) throw new UserError("cannot sign out", resolved.diagnostics);
        target = resolved.target;
      }
      try {
        const removed = await signOut(tokenCachePath(DEFAULT_STATE_DIR), target);
        process.stdout.write(removed.length ? `signed out ${removed.join(", ")}\n` : "nobody was signed in\n");
      } catch (err) {
        if (err instanceof AuthenticationError) throw new UserError("sign-out failed", [err.toDiagnostic()]);
        throw err;
      }
    });
}
