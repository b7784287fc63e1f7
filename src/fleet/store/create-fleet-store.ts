/** Assembles the fleet store's parts over one database; sqlite.ts and postgres.ts supply the context. */
import { createClientAccountStore, createClientStore } from "./client-store.ts";
import { createConsoleSessionStore, createConsoleUserStore } from "./console-user-store.ts";
import type { StoreContext } from "./context.ts";
import { createDeviceStore } from "./device-store.ts";
import { createEventLog } from "./event-log.ts";
import { createLoanStore } from "./loan-store.ts";
import { createPasswordRotationStore } from "./password-rotation-store.ts";
import { toStoreError } from "./driver-errors.ts";
import type { FleetStore } from "./port.ts";

/**
 * The part with every method's driver errors turned into StoreErrors (lost connection, busy database),
 * so no caller ever sees a raw better-sqlite3 or pg error; methods that know better say so first.
 */
function withStoreErrors<T extends object>(part: T): T {
  const wrapped = Object.entries(part).map(([name, method]) => [
    name,
    async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        throw toStoreError(error);
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}

export function createFleetStore(ctx: StoreContext, close: () => Promise<void>): FleetStore {
  return {
    kind: ctx.kind,
    devices: withStoreErrors(createDeviceStore(ctx)),
    clients: withStoreErrors(createClientStore(ctx)),
    accounts: withStoreErrors(createClientAccountStore(ctx)),
    loans: withStoreErrors(createLoanStore(ctx)),
    passwordRotations: withStoreErrors(createPasswordRotationStore(ctx)),
    events: withStoreErrors(createEventLog(ctx)),
    consoleUsers: withStoreErrors(createConsoleUserStore(ctx)),
    sessions: withStoreErrors(createConsoleSessionStore(ctx)),
    close,
  };
}
