/**
 * One device as the console's device page shows it: the record, its loans and events, which profiles
 * reach it (from the latest audit), the findings on it, and the loan actions its state allows — the state
 * machine (loan-state.ts) decides them; this only maps them to the console's forms.
 */
import { legalActions, type DeviceState } from "../fleet/loan-state.ts";
import type { Device, FleetEvent, FleetStore, Loan } from "../fleet/store/port.ts";
import type { AuditFinding, AuditResult } from "../posture/rules/types.ts";
import type { DeviceReach } from "./device-reach.ts";
import { findingsOnDevice } from "./findings-view.ts";

/** The console's loan forms (the console's `actions/` handle them through loan-lend.ts and loan-return.ts). */
export type ConsoleLoanAction = "prepare" | "ship" | "return";

/**
 * The forms a device in `state` may show: prepare and ship where the table allows them — `shipLoan` prepares
 * an in-stock device first, so ship is offered wherever prepare is — and return where it is legal.
 */
export function consoleLoanActions(state: DeviceState): ConsoleLoanAction[] {
  const legal = new Set(legalActions(state));
  const out: ConsoleLoanAction[] = [];
  if (legal.has("prepare")) out.push("prepare");
  if (legal.has("ship") || legal.has("prepare")) out.push("ship");
  if (legal.has("return")) out.push("return");
  return out;
}

export interface DeviceDetail {
  device: Device;
  openLoan: Loan | null;
  /** Newest first. */
  loans: Loan[];
  /** Newest first, at most `EVENTS_SHOWN`. */
  events: FleetEvent[];
  /** Null when the latest audit did not keep it, or there is no audit; see `reachKnown`. */
  reach: DeviceReach | null;
  /** Whether the latest audit says which profiles reach devices at all. */
  reachKnown: boolean;
  findings: AuditFinding[];
  actions: ConsoleLoanAction[];
}

export const EVENTS_SHOWN = 200;

export async function readDeviceDetail(
  store: FleetStore,
  serial: string,
  audit: { result: AuditResult; reach?: ReadonlyMap<string, DeviceReach> } | null,
): Promise<DeviceDetail | null> {
  const device = await store.devices.get(serial);
  if (!device) return null;
  const [loans, events] = await Promise.all([
    store.loans.list({ serial: device.serial }),
    store.events.list({ subjectType: "device", subjectId: device.serial, newestFirst: true, limit: EVENTS_SHOWN }),
  ]);
  return {
    device,
    openLoan: loans.find((l) => l.state === "open") ?? null,
    loans: [...loans].sort((a, b) => b.id - a.id),
    events,
    reach: audit?.reach?.get(device.serial.toUpperCase()) ?? null,
    reachKnown: audit?.reach !== undefined,
    findings: audit ? findingsOnDevice(audit.result.results, device.serial) : [],
    actions: consoleLoanActions(device.state),
  };
}
