/**
 * Fills a fleet store with a made-up fleet, fast, through the port (so every row and event is what the
 * real operations would write): clients with accounts, N devices (batches of 1,000 in one transaction
 * each), and loans on the first devices — prepared, shipped, some delivered — due back over the next weeks.
 * For the console's benchmark (the devices page with 10,000 devices) and its tests.
 */
import { createHash } from "node:crypto";
import type { Actor, FleetStore } from "../port.ts";

export interface SeedClient {
  id: string;
  displayName: string;
  upns: string[];
}

export interface SeedOptions {
  devices: number;
  clients: readonly SeedClient[];
  /** Loans on the first devices, spread over the clients in turn (default: none). */
  loans?: number;
  /** Serial prefix (default `HL2-`); serials are the prefix and a six-digit number from 000001. */
  prefix?: string;
  /** The store's "now", to date the loans' returns from (default: the real clock). */
  now?: Date;
  actor?: Actor;
}

const DAY_MS = 86_400_000;
const MODELS = ["HoloLens 2", "HoloLens 2 Industrial Edition", null] as const;

export const seedSerial = (i: number, prefix = "HL2-") => `${prefix}${String(i).padStart(6, "0")}`;

/** A made-up hardware hash, unique per serial (the store refuses a hash twice). */
const hashOf = (serial: string) => createHash("sha256").update(serial).digest("base64");

export async function seedFleet(store: FleetStore, opts: SeedOptions): Promise<{ serials: string[] }> {
  const actor = opts.actor ?? "cli:seed";
  for (const c of opts.clients) {
    await store.clients.put({ id: c.id, displayName: c.displayName }, actor);
    for (const upn of c.upns) await store.accounts.put({ upn, clientId: c.id }, actor);
  }
  const serials = Array.from({ length: opts.devices }, (_, i) => seedSerial(i + 1, opts.prefix));
  for (let i = 0; i < serials.length; i += 1000) {
    await store.devices.add(
      serials.slice(i, i + 1000).map((serial, j) => ({ serial, hardwareHash: hashOf(serial), model: MODELS[(i + j) % MODELS.length], groupTag: "HF-HL2" })),
      actor,
    );
  }
  const now = (opts.now ?? new Date()).getTime();
  const loans = Math.min(opts.loans ?? 0, serials.length);
  if (loans > 0 && opts.clients.length === 0) throw new Error("seedFleet: loans need at least one client");
  for (let i = 0; i < loans; i++) {
    const serial = serials[i]!;
    const client = opts.clients[i % opts.clients.length]!;
    const expectedReturn = new Date(now + (1 + (i % 60)) * DAY_MS).toISOString();
    let { device } = await store.loans.transition({ serial, action: "prepare", expected: { state: "in-stock", version: 1 }, input: { clientId: client.id, accountUpns: client.upns, expectedReturn } }, actor);
    ({ device } = await store.loans.transition({ serial, action: "ship", expected: { state: device.state, version: device.version } }, actor));
    if (i % 2 === 0) await store.loans.transition({ serial, action: "deliver", expected: { state: device.state, version: device.version } }, actor);
  }
  return { serials };
}
