/**
 * `loan return`: a device comes back. The loan closes (compare-and-set: one operator wins), the client's
 * passwords are rotated when the policy asks (`rotationDueOnReturn`), and the device is reset as the
 * blueprint's `loans.onReturn` says — `wipe` through Intune (`managedDevices/{id}/wipe`, graph-facts §6),
 * followed boundedly until the managed device is gone (the Autopilot registration stays), then back in
 * stock. A wait that ends first leaves the device `resetting`; running `loan return` again resumes there.
 */
import type { Diagnostic } from "../diag/diagnostic.ts";
import { rotationDueOnReturn } from "../fleet/loan-state.ts";
import type { Device, Loan } from "../fleet/store/port.ts";
import { managedDeviceOf } from "./loan-checks.ts";
import { assertTransition, loadDevice } from "./loan-lend.ts";
import type { FleetContext } from "./fleet-context.ts";
import { rotatePassword, type RotatedPassword } from "./passwords-rotate.ts";

/** A real wipe reaches the device at its next check-in; poll every 30 s. */
export const WIPE_POLL_MS = 30_000;
export const WIPE_TIMEOUT_MS = 15 * 60_000;

export type ResetOutcome = "wiped" | "not-enrolled" | "not-wiped (loans.onReturn: none)" | "wipe pending";

export interface ReturnResult {
  device: Device;
  /** The loan closed now; null when the command resumed a reset. */
  loan: Loan | null;
  rotated: RotatedPassword[];
  reset: ResetOutcome;
  diagnostics: Diagnostic[];
}

export type ReturnEvent = { type: "wipe-requested"; managedDeviceId: string } | { type: "waiting"; waitedMs: number };

async function advance(ctx: FleetContext, device: Device, action: "start-reset" | "restock"): Promise<Device> {
  return (await ctx.store.loans.transition({ serial: device.serial, action, expected: { state: device.state, version: device.version } }, ctx.actor)).device;
}

export async function returnLoan(
  ctx: FleetContext,
  serial: string,
  opts: { pollMs?: number; timeoutMs?: number } = {},
  onEvent: (e: ReturnEvent) => void = () => {},
): Promise<ReturnResult> {
  let device = await loadDevice(ctx, serial);
  let loan: Loan | null = null;
  const rotated: RotatedPassword[] = [];
  const diagnostics: Diagnostic[] = [];
  if (device.state !== "returned" && device.state !== "resetting") {
    const open = await ctx.store.loans.current(device.serial);
    assertTransition(device, "return", { now: ctx.now(), input: {}, loan: open });
    const moved = await ctx.store.loans.transition({ serial: device.serial, action: "return", expected: { state: device.state, version: device.version } }, ctx.actor);
    device = moved.device;
    loan = moved.loan;
    const reason = rotationDueOnReturn(ctx.blueprint.passwords.policy);
    if (reason && loan) for (const upn of loan.accountUpns) rotated.push(await rotatePassword(ctx, upn, reason, loan.id));
  }
  if (device.state === "returned") device = await advance(ctx, device, "start-reset");

  const onReturn = ctx.blueprint.loans?.onReturn ?? "wipe";
  if (onReturn === "none") {
    await ctx.store.events.append({ actor: ctx.actor, action: "device.reset-skipped", subjectType: "device", subjectId: device.serial, after: { reason: "loans.onReturn: none" } });
    return { device: await advance(ctx, device, "restock"), loan, rotated, reset: "not-wiped (loans.onReturn: none)", diagnostics };
  }

  const managed = await managedDeviceOf(ctx, device.serial);
  if (!managed) {
    // Never enrolled, or already wiped (an earlier run, or by hand): nothing left in Intune to reset.
    const wipedBefore = (await ctx.store.events.list({ subjectType: "device", subjectId: device.serial })).some((e) => e.action === "device.wipe-requested");
    if (wipedBefore) await ctx.store.events.append({ actor: ctx.actor, action: "device.wipe-completed", subjectType: "device", subjectId: device.serial, after: {} });
    else await ctx.store.events.append({ actor: ctx.actor, action: "device.reset-skipped", subjectType: "device", subjectId: device.serial, after: { reason: "not enrolled in Intune" } });
    return { device: await advance(ctx, device, "restock"), loan, rotated, reset: wipedBefore ? "wiped" : "not-enrolled", diagnostics };
  }
  // Retrying a wipe is harmless but pointless (graph-facts §6): send it only when none is under way.
  if (!/^wipe/i.test(managed.managementState ?? "")) {
    await ctx.graph.request("POST", "/deviceManagement/managedDevices/{id}/wipe", { params: { id: managed.id }, body: { keepEnrollmentData: false, keepUserData: false }, idempotent: true });
    await ctx.store.events.append({ actor: ctx.actor, action: "device.wipe-requested", subjectType: "device", subjectId: device.serial, after: { managedDeviceId: managed.id } });
    onEvent({ type: "wipe-requested", managedDeviceId: managed.id });
  }
  const pollMs = opts.pollMs ?? WIPE_POLL_MS;
  const timeoutMs = opts.timeoutMs ?? WIPE_TIMEOUT_MS;
  for (let waitedMs = 0; ; waitedMs += pollMs) {
    if (!(await managedDeviceOf(ctx, device.serial))) {
      await ctx.store.events.append({ actor: ctx.actor, action: "device.wipe-completed", subjectType: "device", subjectId: device.serial, after: { managedDeviceId: managed.id } });
      return { device: await advance(ctx, device, "restock"), loan, rotated, reset: "wiped", diagnostics };
    }
    if (waitedMs >= timeoutMs) break;
    onEvent({ type: "waiting", waitedMs });
    await ctx.wait(pollMs);
  }
  diagnostics.push({
    severity: "warning",
    code: "HF8113",
    message: `the wipe of ${device.serial} has not completed yet; the device stays resetting`,
    fix: "The device wipes at its next check-in (it must be on and online). Run `holofleet loan return --device <serial>` again later to finish.",
  });
  return { device, loan, rotated, reset: "wipe pending", diagnostics };
}
