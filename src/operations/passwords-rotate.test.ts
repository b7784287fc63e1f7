import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../diag/diagnostic.ts";
import { entraPasswordProblems } from "../passwords/entra-password-rules.ts";
import { rotatePassword } from "./passwords-rotate.ts";
import { arrangeProgramAccounts, startFleetTest, type FleetTest } from "./fleet-testing.ts";

let f: FleetTest;
let upn: string;
beforeEach(async () => {
  f = await startFleetTest();
  await arrangeProgramAccounts(f);
  upn = f.ctx.blueprint.clients[0]!.accounts[0]!.userPrincipalName;
});
afterEach(async () => {
  await f?.close();
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UserError) return err.diagnostics[0]?.code;
    throw err;
  }
  return undefined;
}

describe("rotatePassword", () => {
  it("a client account → a new password of the blueprint's length set through Graph, a rotation record without it", async () => {
    const before = (await f.t.graph("GET", `/v1.0/users/${upn}?$select=lastPasswordChangeDateTime`)).body.lastPasswordChangeDateTime as string;
    await f.ctx.wait(60_000);
    const rotated = await rotatePassword(f.ctx, upn, "manual");
    expect(rotated.password).toHaveLength(f.ctx.blueprint.passwords.length);
    expect(entraPasswordProblems(rotated.password)).toEqual([]);
    const after = (await f.t.graph("GET", `/v1.0/users/${upn}?$select=lastPasswordChangeDateTime`)).body.lastPasswordChangeDateTime as string;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    expect(await f.store.passwordRotations.list({ upn })).toEqual([expect.objectContaining({ upn, reason: "manual", rotatedBy: "cli:test" })]);
    const events = await f.store.events.list();
    expect(JSON.stringify(events)).not.toContain(rotated.password);
    await f.store.close();
    expect(readFileSync(join(f.dir, "fleet.sqlite")).includes(Buffer.from(rotated.password))).toBe(false);
  });

  it("two rotations → two different passwords", async () => {
    const a = await rotatePassword(f.ctx, upn, "manual");
    const b = await rotatePassword(f.ctx, upn, "manual");
    expect(a.password).not.toBe(b.password);
  });

  it("an account the blueprint does not list → HF8112, nothing set", async () => {
    expect(await codeOf(rotatePassword(f.ctx, "someone@else.example", "manual"))).toBe("HF8112");
    expect(await f.store.passwordRotations.list()).toEqual([]);
  });

  it("a client account missing from the tenant → HF8108, no rotation recorded", async () => {
    const missing = f.ctx.blueprint.clients[1]!.accounts[1]!.userPrincipalName;
    await f.t.graph("DELETE", `/v1.0/users/${missing}`);
    expect(await codeOf(rotatePassword(f.ctx, missing, "manual"))).toBe("HF8108");
    expect(await f.store.passwordRotations.list()).toEqual([]);
  });
});
