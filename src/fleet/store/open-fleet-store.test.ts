import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { fleetStoreLocation, openFleetStore, openFleetStoreIfPresent } from "./open-fleet-store.ts";
import { isStoreError } from "./store-error.ts";

const dir = mkdtempSync(join(tmpdir(), "holofleet-open-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("fleetStoreLocation", () => {
  it.each([[{}], [{ DATABASE_URL: "" }], [{ DATABASE_URL: "   " }]])("no DATABASE_URL (%j) → SQLite in ./.holofleet/fleet.sqlite", (env) => {
    expect(fleetStoreLocation(env, "/srv/program")).toEqual({ kind: "sqlite", file: join("/srv/program", ".holofleet", "fleet.sqlite") });
  });

  it.each(["postgres://u:p@db:5432/fleet", "postgresql://db/fleet", "POSTGRES://db/fleet"])("%s → PostgreSQL", (url) => {
    expect(fleetStoreLocation({ DATABASE_URL: url }, "/x")).toEqual({ kind: "postgres", connectionString: url });
  });

  it.each([
    ["mysql://root:Planted-Pw-1@db/fleet", /scheme mysql:/],
    ["Planted-Pw-1", /is not a URL/],
  ])("DATABASE_URL %s → invalid, naming the scheme but never the URL", (url, message) => {
    let error: unknown;
    try {
      fleetStoreLocation({ DATABASE_URL: url }, "/x");
    } catch (e) {
      error = e;
    }
    expect(isStoreError(error, "invalid"), String(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("Planted-Pw-1");
  });
});

describe("openFleetStore", () => {
  it("no DATABASE_URL → a working SQLite store under the working directory", async () => {
    const store = await openFleetStore({ env: {}, cwd: dir });
    expect(store.kind).toBe("sqlite");
    await store.devices.add([{ serial: "HL2-1" }], "cli:alice");
    await store.close();
    const again = await openFleetStore({ env: {}, cwd: dir });
    expect(await again.devices.get("HL2-1")).not.toBeNull();
    await again.close();
  });

  it("a PostgreSQL server that does not answer → unavailable, naming host:port/db and not the password", async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await openFleetStore({ env: { DATABASE_URL: "postgres://fleet:Planted-Pw-2@127.0.0.1:1/fleet" } }).catch((e: unknown) => e);
    expect(isStoreError(error, "unavailable"), String(error)).toBe(true);
    expect((error as Error).message).toContain("127.0.0.1:1/fleet");
    expect((error as Error).message).not.toContain("Planted-Pw-2");
  });
});

describe("openFleetStoreIfPresent", () => {
  it("no SQLite file and no DATABASE_URL → null, and no file is created; once the store exists → opened", async () => {
    const cwd = mkdtempSync(join(dir, "present-"));
    expect(await openFleetStoreIfPresent({ env: {}, cwd })).toBeNull();
    expect(existsSync(join(cwd, ".holofleet"))).toBe(false);
    await (await openFleetStore({ env: {}, cwd })).close();
    const store = await openFleetStoreIfPresent({ env: {}, cwd });
    expect(store?.kind).toBe("sqlite");
    await store?.close();
  });
});

