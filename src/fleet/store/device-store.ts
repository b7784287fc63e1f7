/** Devices: added (all or none), read, listed with paging, and their tenant ids recorded by compare-and-set. */
import { sql } from "kysely";
import { appendEvent, appendEvents, assertActor, chunks, type StoreContext } from "./context.ts";
import { toStoreError } from "./driver-errors.ts";
import { DEVICE_STATES, type DeviceState } from "../loan-state.ts";
import type { Device, DeviceQuery, DeviceSort, DeviceStore, DeviceTenantIds, NewDevice } from "./port.ts";
import { toDevice } from "./rows.ts";
import { StoreError } from "./store-error.ts";

const MAX_PAGE = 1000;

const SORT_COLUMN: Record<DeviceSort, string> = { serial: "devices.serial", state: "devices.state", client: "open_loan.client_id", model: "devices.model", updated: "devices.updated_at" };

/**
 * One page of devices and the count of all that match: two queries, whatever the fleet's size. The page
 * joins each device's open loan (a unique index lookup per row: at most one open loan per device, so the
 * join never repeats a device); the count joins loans only to filter by client.
 */
async function page(ctx: StoreContext, query: DeviceQuery) {
  const limit = Math.min(Math.max(query.limit ?? 100, 1), MAX_PAGE);
  const sort = query.sort ?? "serial";
  const withLoans = ctx.db
    .selectFrom("devices")
    .leftJoin("loans as open_loan", (j) => j.onRef("open_loan.device_serial", "=", "devices.serial").on("open_loan.state", "=", "open"));
  const filtered = <Q extends typeof withLoans | ReturnType<typeof devicesOnly>>(q: Q): Q => {
    let out = q as typeof withLoans;
    if (query.state) out = out.where("devices.state", "=", query.state);
    // substr, not LIKE: SQLite's LIKE ignores case and treats % and _ in the prefix as wildcards.
    if (query.serialPrefix) out = out.where(sql<string>`substr(devices.serial, 1, ${query.serialPrefix.length})`, "=", query.serialPrefix);
    return out as Q;
  };
  const devicesOnly = () => ctx.db.selectFrom("devices");
  const direction = query.descending ? sql.raw("desc") : sql.raw("asc");
  // Byte order in both databases (SQLite's BINARY; PostgreSQL's "C"), so a page holds the same devices on either.
  const ordered = (column: string) => (ctx.kind === "postgres" ? sql`${sql.ref(column)} collate "C" ${direction}` : sql`${sql.ref(column)} ${direction}`);
  let rowsQuery = filtered(withLoans).selectAll("devices").select(["open_loan.id as loan_id", "open_loan.client_id as loan_client_id", "open_loan.expected_return as loan_expected_return"]);
  if (query.clientId !== undefined) rowsQuery = rowsQuery.where("open_loan.client_id", "=", query.clientId);
  // Devices without the value (no loan, no model) come after the others; descending is the exact reverse, so an index serves both.
  if (sort === "client" || sort === "model") rowsQuery = rowsQuery.orderBy(sql`(${sql.ref(SORT_COLUMN[sort])} is null) ${direction}`);
  if (sort !== "serial") rowsQuery = rowsQuery.orderBy(ordered(SORT_COLUMN[sort]));
  rowsQuery = rowsQuery.orderBy(ordered("devices.serial"));
  const countQuery =
    query.clientId !== undefined
      ? filtered(withLoans).where("open_loan.client_id", "=", query.clientId).select((eb) => eb.fn.countAll().as("n"))
      : filtered(devicesOnly()).select((eb) => eb.fn.countAll().as("n"));
  const [rows, count] = await Promise.all([rowsQuery.limit(limit).offset(Math.max(query.offset ?? 0, 0)).execute(), countQuery.executeTakeFirstOrThrow()]);
  return { rows, total: Number(count.n) };
}

export function createDeviceStore(ctx: StoreContext): DeviceStore {
  return {
    async add(devices: readonly NewDevice[], actor) {
      assertActor(actor);
      const serials = devices.map((d) => d.serial);
      if (serials.some((s) => typeof s !== "string" || s.trim() === "")) throw new StoreError("invalid", "every device needs a serial number");
      const repeated = serials.filter((s, i) => serials.indexOf(s) !== i);
      if (repeated.length) throw new StoreError("duplicate", `serial number(s) given twice: ${[...new Set(repeated)].join(", ")}`);
      if (devices.length === 0) return [];
      try {
        return await ctx.write(async (trx) => {
          const hashes = devices.flatMap((d) => (d.hardwareHash ? [d.hardwareHash] : []));
          const known: string[] = [];
          for (const part of chunks(serials)) {
            known.push(...(await trx.selectFrom("devices").select("serial").where("serial", "in", part).execute()).map((r) => r.serial));
          }
          for (const part of chunks(hashes)) {
            const rows = await trx.selectFrom("devices").select("serial").where("hardware_hash", "in", part).execute();
            known.push(...rows.map((r) => `${r.serial} (same hardware hash)`));
          }
          if (known.length) throw new StoreError("duplicate", `already in the fleet: ${[...new Set(known)].sort().join(", ")}; nothing was added`);
          const now = ctx.now();
          const added: Device[] = [];
          for (const part of chunks(devices, 100)) {
            const rows = await trx
              .insertInto("devices")
              .values(
                part.map((d) => ({
                  serial: d.serial,
                  hardware_hash: d.hardwareHash ?? null,
                  product_id: d.productId ?? null,
                  model: d.model ?? null,
                  group_tag: d.groupTag ?? null,
                  entra_device_id: d.entraDeviceId ?? null,
                  intune_managed_device_id: d.intuneManagedDeviceId ?? null,
                  autopilot_id: d.autopilotId ?? null,
                  state: "in-stock",
                  version: 1,
                  created_at: now,
                  updated_at: now,
                })),
              )
              .returningAll()
              .execute();
            added.push(...rows.map(toDevice));
          }
          // Rows come back in insert order on both databases, but order by serial to promise nothing more.
          added.sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
          await appendEvents(
            trx,
            now,
            added.map((device) => ({ actor, action: "device.added", subjectType: "device", subjectId: device.serial, after: deviceSummary(device) })),
          );
          return added;
        });
      } catch (error) {
        throw toStoreError(error, { unique: "a device with one of these serial numbers or hardware hashes is already in the fleet; nothing was added" });
      }
    },

    async get(serial) {
      const row = await ctx.db.selectFrom("devices").selectAll().where("serial", "=", serial).executeTakeFirst();
      return row ? toDevice(row) : null;
    },

    async list(query: DeviceQuery = {}) {
      const { rows, total } = await page(ctx, query);
      return { devices: rows.map(toDevice), total };
    },

    async listWithLoans(query: DeviceQuery = {}) {
      const { rows, total } = await page(ctx, query);
      return {
        devices: rows.map((r) => ({
          ...toDevice(r),
          openLoan: r.loan_id === null || r.loan_id === undefined ? null : { id: Number(r.loan_id), clientId: r.loan_client_id!, expectedReturn: r.loan_expected_return! },
        })),
        total,
      };
    },

    async countByState() {
      const rows = await ctx.db.selectFrom("devices").select(["state", (eb) => eb.fn.countAll().as("n")]).groupBy("state").execute();
      const counts = Object.fromEntries(DEVICE_STATES.map((s) => [s, 0])) as Record<DeviceState, number>;
      for (const r of rows) counts[r.state as DeviceState] = Number(r.n);
      return counts;
    },

    async updateTenantIds(serial, expectedVersion, ids: DeviceTenantIds, actor) {
      assertActor(actor);
      const set = {
        ...(ids.model !== undefined && { model: ids.model }),
        ...(ids.groupTag !== undefined && { group_tag: ids.groupTag }),
        ...(ids.entraDeviceId !== undefined && { entra_device_id: ids.entraDeviceId }),
        ...(ids.intuneManagedDeviceId !== undefined && { intune_managed_device_id: ids.intuneManagedDeviceId }),
        ...(ids.autopilotId !== undefined && { autopilot_id: ids.autopilotId }),
      };
      return ctx.write(async (trx) => {
        const now = ctx.now();
        const before = await trx.selectFrom("devices").selectAll().where("serial", "=", serial).executeTakeFirst();
        if (!before) throw new StoreError("not-found", `no device with serial ${serial} in the fleet`);
        const row = await trx
          .updateTable("devices")
          .set({ ...set, version: expectedVersion + 1, updated_at: now })
          .where("serial", "=", serial)
          .where("version", "=", expectedVersion)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw versionConflict(serial, expectedVersion, before.version);
        const device = toDevice(row);
        const changed = Object.keys(ids) as (keyof DeviceTenantIds)[];
        await appendEvent(trx, now, {
          actor,
          action: "device.tenant-ids-updated",
          subjectType: "device",
          subjectId: serial,
          before: Object.fromEntries(changed.map((k) => [k, toDevice(before)[k]])),
          after: Object.fromEntries(changed.map((k) => [k, device[k]])),
        });
        return device;
      });
    },
  };
}

export function versionConflict(serial: string, expected: number, found: number): StoreError {
  return new StoreError("conflict", `device ${serial} changed since it was read (version ${expected}, now ${found}): someone else acted on it first; reload it and try again`);
}

function deviceSummary(d: Device) {
  return { serial: d.serial, state: d.state, version: d.version, groupTag: d.groupTag, productId: d.productId, hasHardwareHash: d.hardwareHash !== null };
}
