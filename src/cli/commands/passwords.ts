/**
 * `holofleet passwords rotate --account <upn> [--output <file>]` and `passwords due [--within <days>]`.
 * A rotated password is shown once on stdout, or written to a new file created with mode 0600 (opened
 * before the rotation, so a password is never set that cannot be handed over); it goes nowhere else.
 */
import { open, rm, type FileHandle } from "node:fs/promises";
import { InvalidArgumentError, type Command } from "commander";
import { UserError } from "../../diag/diagnostic.ts";
import { passwordsDue } from "../../operations/passwords-due.ts";
import { rotatePassword } from "../../operations/passwords-rotate.ts";
import { addFleetOptions, FLEET_FORMAT_VERSION, withFleet, type FleetFlags } from "./fleet.ts";

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw new InvalidArgumentError("a whole number of days between 0 and 3650");
  return n;
}

/** Creates `file` for the password: new only (never overwrites), mode 0600 from the start. */
export async function openPasswordFile(file: string): Promise<FileHandle> {
  try {
    return await open(file, "wx", 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    const why = code === "EEXIST" ? "it exists (holofleet never overwrites a password file)" : `cannot create it (${code})`;
    throw new UserError("", [{ severity: "error", code: "HF8111", message: `${file}: ${why}`, fix: "Name a new file in a directory only you can read." }]);
  }
}

export function registerPasswords(program: Command): void {
  const passwords = program.command("passwords").description("client account passwords: rotate one, list those that expire before their device is back");

  addFleetOptions(passwords.command("rotate"))
    .description("set a new password (CSPRNG) on a client account through Graph; shown once, or written to a new 0600 file")
    .requiredOption("--account <upn>", "the client account")
    .option("--output <file>", "write the password to this new file (mode 0600) instead of showing it")
    .action(async (flags: FleetFlags & { account: string; output?: string }) => {
      const file = flags.output ? await openPasswordFile(flags.output) : null;
      let written = false;
      try {
        await withFleet(flags, true, async (ctx) => {
          const rotated = await rotatePassword(ctx, flags.account, "manual");
          if (file) {
            await file.writeFile(`${rotated.password}\n`);
            written = true;
            process.stderr.write(`rotated the password of ${rotated.upn}; written to ${flags.output} (mode 0600)\n`);
          } else {
            process.stderr.write(`rotated the password of ${rotated.upn}; it is shown once:\n`);
            process.stdout.write(`${rotated.password}\n`);
          }
        });
      } finally {
        await file?.close();
        if (file && !written) await rm(flags.output!, { force: true });
      }
    });

  addFleetOptions(passwords.command("due"))
    .description("client accounts whose password expires before their device is back (or within --within days)")
    .option("--within <days>", "also list passwords that expire within this many days", days)
    .option("--json", "print JSON: { formatVersion, passwords: [...] }")
    .action(async (flags: FleetFlags & { within?: number; json?: boolean }) => {
      await withFleet(flags, true, async (ctx) => {
        const due = await passwordsDue(ctx, { withinDays: flags.within });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ formatVersion: FLEET_FORMAT_VERSION, passwords: due }, null, 2)}\n`);
          return;
        }
        if (due.length === 0) {
          process.stdout.write(ctx.blueprint.passwords.policy === "never-expire" ? "passwords never expire under this blueprint (passwords.policy: never-expire)\n" : "no password expires before its device is back\n");
          return;
        }
        for (const d of due) {
          const loan = d.loan ? `, device ${d.loan.serial} back ${d.loan.expectedReturn.slice(0, 10)}` : "";
          process.stdout.write(`${d.upn}  expires ${d.expiresAt.slice(0, 10)} (${d.why.join(", ")}${loan})\n`);
        }
      });
    });
}
