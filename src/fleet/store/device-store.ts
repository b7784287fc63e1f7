/** Devices: added (all or none), read, listed with paging, and their tenant ids recorded by compare-and-set. */
import { sql } from "kysely";
import { appendEvent, appendEvents, assertActor, chunks, type StoreContext } from "./context.ts";
import { toStoreError } from "./driver-errors.ts";
import type { Device, DeviceQuery, DeviceStore, DeviceTenantIds, NewDevice } from "./port.ts";
import { toDevice } from "./rows.ts";
import { StoreError } from "./store-error.ts";

const MAX_PAGE = 1000;

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
      const limit = Math.min(Math.max(query.limit ?? 100, 1), MAX_PAGE);
      let q = ctx.db.selectFrom("devices");
      if (query.state) q = q.where("state", "=", query.state);
      // substr, not LIKE: SQLite's LIKE ignores case and treats % and _ in the prefix as wildcards.
      if (query.serialPrefix) q = q.where(sql<string>`substr(serial, 1, ${query.serialPrefix.length})`, "=", query.serialPrefix);
      const [rows, count] = await Promise.all([
        q.selectAll().orderBy("serial").limit(limit).offset(Math.max(query.offset ?? 0, 0)).execute(),
        q.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
      ]);
      return { devices: rows.map(toDevice), total: Number(count.n) };
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
