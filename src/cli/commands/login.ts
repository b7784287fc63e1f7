/**
 * `holofleet login [--tenant …]`: a person signs in with a device code; the tokens go to
 * `.holofleet/auth/token-cache.json` (mode 0600) for later commands. The server's instructions go to
 * stderr, the result to stdout; no token is ever printed.
 */
import type { Command } from "commander";
import { AuthenticationError } from "../../auth/errors.ts";
import { nodeFiles } from "../../auth/node-files.ts";
import { DEFAULT_STATE_DIR, resolveTarget, type TargetOptions } from "../../auth/target.ts";
import { tokenCachePath } from "../../auth/token-cache.ts";
import { signInWithDeviceCode } from "../../auth/user-sign-in.ts";
import { UserError } from "../../diag/diagnostic.ts";

export interface TargetFlags {
  tenant?: string;
  clientId?: string;
  graphUrl?: string;
  authorityUrl?: string;
}

export function addTargetOptions(command: Command): Command {
  return command
    .option("--tenant <tenant>", "local (the local tenant, default), a tenant id or a domain")
    .option("--graph-url <url>", "Graph root for a national cloud, e.g. https://graph.microsoft.us")
    .option("--authority-url <url>", "sign-in root for a national cloud, e.g. https://login.microsoftonline.us");
}

export function targetOptions(flags: TargetFlags, purpose: TargetOptions["purpose"]): TargetOptions {
  return { cwd: process.cwd(), purpose, tenant: flags.tenant, clientId: flags.clientId, graphUrl: flags.graphUrl, authorityUrl: flags.authorityUrl };
}

export function registerLogin(program: Command): void {
  addTargetOptions(program.command("login"))
    .description("sign in as a person with a device code (delegated permissions); tokens are kept in .holofleet/auth/ (mode 0600)")
    .option("--client-id <id>", "the app to sign in with on a real tenant (default: AZURE_CLIENT_ID)")
    .action(async (flags: TargetFlags) => {
      const { target, diagnostics } = resolveTarget(targetOptions(flags, "login"), process.env, nodeFiles);
      if (!target) throw new UserError("cannot sign in", diagnostics);
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once("SIGINT", stop);
      try {
        const who = await signInWithDeviceCode(target, {
          cachePath: tokenCachePath(DEFAULT_STATE_DIR),
          onMessage: (message) => process.stderr.write(`${message}\n`),
          signal: abort.signal,
        });
        process.stdout.write(`signed in as ${who.username} to tenant ${who.tenantId} (${who.scopes.length} delegated permissions)\n`);
      } catch (err) {
        if (err instanceof AuthenticationError) throw new UserError("sign-in failed", [err.toDiagnostic()]);
        throw err;
      } finally {
        process.off("SIGINT", stop);
      }
    });
}
