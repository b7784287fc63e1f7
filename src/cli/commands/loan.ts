/**
 * `holofleet loan prepare|ship --device <serial> --client <id> [--until <date>]`, `loan return --device
 * <serial>`, `loan list [--overdue]`, `loan show <serial>`. A thin shell over `operations/loan-*.ts`:
 * rotated passwords are shown once on stdout or written to a new 0600 file (--output), the handoff sheet
 * goes to a PDF file, progress to stderr.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { formatDiagnostic, UserError, type Diagnostic } from "../../diag/diagnostic.ts";
import { daysOverdue, isOverdue } from "../../fleet/loan-state.ts";
import type { Loan } from "../../fleet/store/port.ts";
import type { OpenedFleetContext } from "../../operations/fleet-context.ts";
import { prepareLoan, shipLoan, type LendRequest } from "../../operations/loan-lend.ts";
import { returnLoan } from "../../operations/loan-return.ts";
import type { RotatedPassword } from "../../operations/passwords-rotate.ts";
import { ExitCode } from "../run.ts";
import { addFleetOptions, FLEET_FORMAT_VERSION, seconds, withFleet, type FleetFlags } from "./fleet.ts";
import { openPasswordFile } from "./passwords.ts";

interface LendFlags extends FleetFlags {
  device: string;
  client: string;
  until?: string;
  output?: string;
  handoff?: string;
}

/**
 * Runs an operation that may rotate passwords: the --output file is created (0600, new) before anything
 * changes, so a password is never set that cannot be handed over; without it they are shown once.
 */
async function withPasswordOutput(output: string | undefined, run: () => Promise<RotatedPassword[]>): Promise<void> {
  const file = output ? await openPasswordFile(output) : null;
  let rotated: RotatedPassword[] = [];
  let written = false;
  try {
    rotated = await run();
    if (file) await file.writeFile(rotated.map((r) => `${r.upn}\t${r.password}\n`).join(""));
    written = true;
  } finally {
    await file?.close();
    if (file && (!written || rotated.length === 0)) await rm(output!, { force: true });
  }
  if (rotated.length === 0) {
    process.stderr.write("no password rotated (the policy does not ask for it now)\n");
    return;
  }
  if (file) {
    process.stderr.write(`rotated ${rotated.length} password(s); written to ${output} (mode 0600)\n`);
  } else {
    process.stderr.write(`rotated ${rotated.length} password(s); they are shown once:\n`);
    for (const r of rotated) process.stdout.write(`${r.upn}\t${r.password}\n`);
  }
}

function printWarnings(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

function loanLine(l: Loan, now: Date): string {
  const late = l.state === "open" && isOverdue(l.expectedReturn, now) ? ` OVERDUE ${daysOverdue(l.expectedReturn, now)} day(s)` : "";
  return `${l.deviceSerial.padEnd(16)} ${l.clientId.padEnd(14)} ${l.state.padEnd(9)} due ${l.expectedReturn.slice(0, 10)}${late}  ${l.accountUpns.join(", ")}`;
}

function lendCommand(loan: Command, name: "prepare" | "ship", description: string, run: (ctx: OpenedFleetContext, req: LendRequest, flags: LendFlags) => Promise<RotatedPassword[]>): void {
  addFleetOptions(loan.command(name))
    .description(description)
    .requiredOption("--device <serial>", "the device's serial number")
    .requiredOption("--client <id>", "the blueprint's client id")
    .option("--until <date>", "expected return (default: today + the client's loanDays)")
    .option("--output <file>", "write rotated passwords to this new file (mode 0600) instead of showing them")
    .option("--handoff <file>", "where to write the handoff sheet (ship; default .holofleet/handoff/<serial>-loan<id>.pdf)")
    .action(async (flags: LendFlags) => {
      await withFleet(flags, true, (ctx) =>
        withPasswordOutput(flags.output, () => run(ctx, { serial: flags.device, clientId: flags.client, until: flags.until }, flags)),
      );
    });
}

async function writeAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

export function registerLoan(program: Command): void {
  const loan = program.command("loan").description("lend devices to clients: prepare, ship, return, list and show loans");

  lendCommand(loan, "prepare", "check the tenant and reserve a device for a client (rotates passwords when the policy asks)", async (ctx, req) => {
    const r = await prepareLoan(ctx, req);
    process.stderr.write(`${r.device.serial} prepared for ${r.loan.clientId} (${r.loan.accountUpns.join(", ")}), due back ${r.loan.expectedReturn.slice(0, 10)}\n`);
    return r.rotated;
  });

  lendCommand(loan, "ship", "check the tenant again and ship a device to a client; writes the handoff sheet (PDF)", async (ctx, req, flags) => {
    const r = await shipLoan(ctx, req);
    const file = flags.handoff ?? join(".holofleet", "handoff", `${r.device.serial}-loan${r.loan.id}.pdf`);
    await writeAtomic(file, r.handoff!);
    process.stderr.write(`${r.device.serial} shipped to ${r.loan.clientId}, due back ${r.loan.expectedReturn.slice(0, 10)}; handoff sheet: ${file}\n`);
    return r.rotated;
  });

  addFleetOptions(loan.command("return"))
    .description("take a device back: rotate passwords per policy, reset it as loans.onReturn says, put it back in stock")
    .requiredOption("--device <serial>", "the device's serial number")
    .option("--output <file>", "write rotated passwords to this new file (mode 0600) instead of showing them")
    .option("--wait <seconds>", "how long to wait for the wipe (exit 2 when it is still pending; run return again to finish)", seconds, 900)
    .action(async (flags: FleetFlags & { device: string; output?: string; wait: number }) => {
      let pending = false;
      await withFleet(flags, true, (ctx) =>
        withPasswordOutput(flags.output, async () => {
          const r = await returnLoan(ctx, flags.device, { timeoutMs: flags.wait * 1000 }, (e) => {
            if (e.type === "wipe-requested") process.stderr.write(`wipe requested (managed device ${e.managedDeviceId})\n`);
            else process.stderr.write(`waiting for the wipe (${Math.round(e.waitedMs / 1000)} s)\n`);
          });
          printWarnings(r.diagnostics);
          process.stderr.write(`${r.device.serial}: ${r.reset}; now ${r.device.state}\n`);
          pending = r.device.state !== "in-stock";
          return r.rotated;
        }),
      );
      if (pending) throw new ExitCode(2);
    });

  addFleetOptions(loan.command("list"))
    .description("open loans (or only the overdue ones)")
    .option("--overdue", "only loans past their expected return")
    .option("--json", "print JSON: { formatVersion, loans: [...] }")
    .action(async (flags: FleetFlags & { overdue?: boolean; json?: boolean }) => {
      await withFleet(flags, false, async (ctx) => {
        const now = ctx.now();
        const loans = await ctx.store.loans.list(flags.overdue ? { state: "open", dueBefore: now.toISOString() } : { state: "open" });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ formatVersion: FLEET_FORMAT_VERSION, loans: loans.map((l) => ({ ...l, overdue: isOverdue(l.expectedReturn, now), daysOverdue: daysOverdue(l.expectedReturn, now) })) }, null, 2)}\n`);
          return;
        }
        if (loans.length === 0) process.stdout.write(flags.overdue ? "no loan is overdue\n" : "no open loan\n");
        for (const l of loans) process.stdout.write(`${loanLine(l, now)}\n`);
      });
    });

  addFleetOptions(loan.command("show <serial>"))
    .description("a device's loans, open and past")
    .option("--json", "print JSON")
    .action(async (serial: string, flags: FleetFlags & { json?: boolean }) => {
      await withFleet(flags, false, async (ctx) => {
        const device = await ctx.store.devices.get(serial);
        if (!device) throw new UserError("", [{ severity: "error", code: "HF8105", message: `no device ${serial} in the fleet store`, fix: "List the devices with `holofleet fleet list`." }]);
        const loans = (await ctx.store.loans.list({ serial: device.serial })).sort((a, b) => b.id - a.id);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ formatVersion: FLEET_FORMAT_VERSION, device: { serial: device.serial, state: device.state }, loans }, null, 2)}\n`);
          return;
        }
        process.stdout.write(`device ${device.serial}: ${device.state}\n`);
        if (loans.length === 0) process.stdout.write("  never lent\n");
        const now = ctx.now();
        for (const l of loans) process.stdout.write(`  ${loanLine(l, now)}\n`);
      });
    });
}
