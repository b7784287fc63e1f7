/**
 * `holofleet fleet import <csv> [--skip-invalid]`, `fleet list [--state S] [--json]`, `fleet show <serial>`:
 * devices into the fleet store and Windows Autopilot, and where each one is. A thin shell over
 * `operations/fleet-import.ts` and the fleet store; progress goes to stderr, results to stdout. `fleet
 * import` exits 0 when every device is registered, 1 on an error or a failed device, 2 when some are
 * still pending after --wait.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import { formatDiagnostic, hasErrors, sortDiagnostics, UserError, type Diagnostic } from "../../diag/diagnostic.ts";
import { readHardwareHashCsvFile } from "../../fleet/read-hardware-hash-csv-file.ts";
import { DEVICE_STATES, type DeviceState } from "../../fleet/loan-state.ts";
import type { Device, FleetEvent, Loan } from "../../fleet/store/port.ts";
import { openFleetContext, storeUserError, type OpenedFleetContext } from "../../operations/fleet-context.ts";
import { importDevices, type FleetImportEvent } from "../../operations/fleet-import.ts";
import { ExitCode } from "../run.ts";
import { addTargetOptions, type TargetFlags } from "./login.ts";

export const FLEET_FORMAT_VERSION = 1;

export interface FleetFlags extends TargetFlags {
  blueprint: string;
}

/** `--blueprint` and the target options every fleet, loan and passwords command takes. */
export function addFleetOptions(command: Command): Command {
  return addTargetOptions(command.option("--blueprint <file>", "the program's blueprint (clients, group tag, password policy)", "holofleet.yaml"));
}

function printDiagnostics(diagnostics: readonly Diagnostic[]): void {
  for (const d of sortDiagnostics([...diagnostics])) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** Opens the context, runs `body`, closes it; store errors become user errors. */
export async function withFleet<T>(flags: FleetFlags, needsGraph: boolean, body: (ctx: OpenedFleetContext) => Promise<T>): Promise<T> {
  const ctx = await openFleetContext({
    blueprintFile: flags.blueprint,
    target: { tenant: flags.tenant, graphUrl: flags.graphUrl, authorityUrl: flags.authorityUrl },
    needsGraph,
  });
  printDiagnostics(ctx.warnings);
  try {
    return await body(ctx);
  } catch (err) {
    throw storeUserError(err) ?? err;
  } finally {
    await ctx.close();
  }
}

export function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 86_400) throw new InvalidArgumentError("a whole number of seconds between 0 and 86400");
  return n;
}

function progressLine(e: FleetImportEvent): string | null {
  switch (e.type) {
    case "recorded":
      return `recorded ${e.devices} new device(s) in the fleet store`;
    case "submitted":
      return `sent ${e.devices} device(s) to Windows Autopilot in ${e.requests} request(s)`;
    case "progress":
      return `Autopilot: ${e.complete} registered, ${e.failed} failed, ${e.pending} pending (${Math.round(e.waitedMs / 1000)} s)`;
    case "device":
      return null;
  }
}

export function deviceJson(d: Device, loan: Loan | null): Record<string, unknown> {
  return {
    serial: d.serial,
    state: d.state,
    model: d.model,
    groupTag: d.groupTag,
    autopilotId: d.autopilotId,
    entraDeviceId: d.entraDeviceId,
    intuneManagedDeviceId: d.intuneManagedDeviceId,
    version: d.version,
    loan: loan ? { id: loan.id, clientId: loan.clientId, accounts: loan.accountUpns, expectedReturn: loan.expectedReturn, shippedAt: loan.shippedAt } : null,
    updatedAt: d.updatedAt,
  };
}

function eventLine(e: FleetEvent): string {
  return `  ${e.at}  ${e.action.padEnd(26)} ${e.actor}`;
}

export function registerFleet(program: Command): void {
  const fleet = program.command("fleet").description("devices: import hardware hashes into the fleet store and Windows Autopilot, list them, show one");

  addFleetOptions(fleet.command("import <csv>"))
    .description("read an Autopilot hardware-hash CSV, record the devices and register them in Windows Autopilot with the program's group tag")
    .option("--skip-invalid", "import the good rows of a file that has bad ones (default: a bad row stops the import)")
    .option("--wait <seconds>", "how long to wait for Autopilot to register the devices (a later run picks up what is still pending)", seconds, 600)
    .option("--json", "print the outcome as JSON")
    .action(async (csv: string, flags: FleetFlags & { skipInvalid?: boolean; json?: boolean; wait: number }) => {
      const read = await readHardwareHashCsvFile(csv, { skipInvalid: flags.skipInvalid === true });
      printDiagnostics(read.diagnostics);
      if (read.rows.length === 0) {
        const why = hasErrors(read.diagnostics) ? (flags.skipInvalid ? "no valid device row" : "fix the rows above, or pass --skip-invalid to import the good ones") : "no device row";
        throw new UserError(`nothing imported from ${csv}: ${why}`);
      }
      if (read.counts.invalid > 0) process.stderr.write(`skipping ${read.counts.invalid} invalid row(s) (--skip-invalid)\n`);
      const result = await withFleet(flags, true, (ctx) => importDevices(ctx, { rows: read.rows, file: csv }, { timeoutMs: flags.wait * 1000 }, (e) => {
        const line = progressLine(e);
        if (line) process.stderr.write(`${line}\n`);
      }));
      printDiagnostics(result.diagnostics);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ formatVersion: FLEET_FORMAT_VERSION, devices: result.outcomes }, null, 2)}\n`);
      } else {
        for (const o of result.outcomes) {
          const detail = o.outcome === "failed" ? ` (${o.errorCode} ${o.errorName ?? ""})`.replace(/ \)$/, ")") : "autopilotId" in o ? ` (${o.autopilotId})` : "";
          process.stdout.write(`${o.serial}  ${o.outcome}${detail}\n`);
        }
      }
      if (hasErrors(result.diagnostics) || result.outcomes.some((o) => o.outcome === "failed")) throw new ExitCode(1);
      if (result.outcomes.some((o) => o.outcome === "pending")) throw new ExitCode(2);
    });

  addFleetOptions(fleet.command("list"))
    .description("devices in the fleet store and where they are")
    .addOption(new Option("--state <state>", "only devices in this state").choices([...DEVICE_STATES]))
    .option("--json", "print JSON: { formatVersion, devices: [...] }")
    .action(async (flags: FleetFlags & { state?: DeviceState; json?: boolean }) => {
      await withFleet(flags, false, async (ctx) => {
        const devices: Device[] = [];
        for (let offset = 0; ; offset += 1000) {
          const page = await ctx.store.devices.list({ state: flags.state, limit: 1000, offset });
          devices.push(...page.devices);
          if (devices.length >= page.total || page.devices.length === 0) break;
        }
        const open = new Map((await ctx.store.loans.list({ state: "open" })).map((l) => [l.deviceSerial, l]));
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ formatVersion: FLEET_FORMAT_VERSION, devices: devices.map((d) => deviceJson(d, open.get(d.serial) ?? null)) }, null, 2)}\n`);
          return;
        }
        if (devices.length === 0) {
          process.stdout.write(flags.state ? `no device is ${flags.state}\n` : "no device in the fleet store (add some with `holofleet fleet import <csv>`)\n");
          return;
        }
        for (const d of devices) {
          const loan = open.get(d.serial);
          const where = loan ? `${loan.clientId} until ${loan.expectedReturn.slice(0, 10)}` : "";
          process.stdout.write(`${d.serial.padEnd(16)} ${d.state.padEnd(10)} ${d.autopilotId ? "registered" : "not registered"}  ${where}`.trimEnd() + "\n");
        }
      });
    });

  addFleetOptions(fleet.command("show <serial>"))
    .description("one device: its state, tenant ids, open loan and history")
    .option("--json", "print JSON")
    .action(async (serial: string, flags: FleetFlags & { json?: boolean }) => {
      await withFleet(flags, false, async (ctx) => {
        const device = await ctx.store.devices.get(serial);
        if (!device) throw new UserError("", [{ severity: "error", code: "HF8105", message: `no device ${serial} in the fleet store`, fix: "List the devices with `holofleet fleet list`, or import it with `holofleet fleet import <csv>`." }]);
        const loan = await ctx.store.loans.current(device.serial);
        const events = await ctx.store.events.list({ subjectType: "device", subjectId: device.serial });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ formatVersion: FLEET_FORMAT_VERSION, device: deviceJson(device, loan), events }, null, 2)}\n`);
          return;
        }
        const allocation = events.filter((e) => e.action === "device.allocated").at(-1)?.after as { clientId?: string } | undefined;
        const lines = [
          `device ${device.serial}: ${device.state} (version ${device.version})`,
          `  model ${device.model ?? "unknown"}, group tag ${device.groupTag ?? "none"}`,
          `  Autopilot ${device.autopilotId ?? "not registered"}, Entra ${device.entraDeviceId ?? "-"}, Intune ${device.intuneManagedDeviceId ?? "-"}`,
          loan ? `  on loan to ${loan.clientId} (${loan.accountUpns.join(", ")}) until ${loan.expectedReturn}` : "  no open loan",
          ...(allocation?.clientId ? [`  initial allocation (blueprint): ${allocation.clientId}`] : []),
          "history:",
          ...events.map(eventLine),
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
      });
    });
}
