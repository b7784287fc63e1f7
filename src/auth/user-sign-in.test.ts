/**
 * People: the device code sign-in against the local tenant through MSAL's public client yields
 * delegated tokens, cached in the state dir with mode 0600, used silently afterwards and removed by
 * signing out. Sign-ins are scripted through `/_sim/sign-ins`.
 */
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, initialDomain } from "../tenant-sim/directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../tenant-sim/testing.ts";
import { AuthenticationError } from "./errors.ts";
import { nodeFiles } from "./node-files.ts";
import { resolveTarget, type Target } from "./target.ts";
import { graphFor, workDirFor } from "./testing.ts";
import { tokenCachePath } from "./token-cache.ts";
import { createTokenProvider } from "./token-provider.ts";
import { signInWithDeviceCode, signOut } from "./user-sign-in.ts";

let t: TestTenant;
let cwd: string;
let upn: string;
let cachePath: string;
beforeAll(async () => {
  t = await startTestTenant();
  cwd = workDirFor(t);
  cachePath = tokenCachePath(join(cwd, ".holofleet"));
  const domain = await initialDomain(t);
  upn = `ada@${domain}`;
  await createTestUser(t, domain, "ada");
});
afterAll(async () => {
  await t?.close();
  rmSync(cwd, { recursive: true, force: true });
});

function target(purpose: "login" | "run"): Target {
  const { target, diagnostics } = resolveTarget({ cwd, purpose }, {}, nodeFiles);
  expect(diagnostics).toEqual([]);
  return purpose === "run" ? { ...target!, credential: { kind: "user" } } : target!;
}

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;

describe("device code sign-in", () => {
  it("a scripted sign-in → delegated tokens in a 0600 cache, then used silently for Graph", async () => {
    await t.sim("POST", "/sign-ins", { userPrincipalName: upn });
    const messages: string[] = [];
    const signedIn = await signInWithDeviceCode(target("login"), { cachePath, onMessage: (m) => messages.push(m) });
    expect(signedIn).toMatchObject({ username: upn, tenantId: t.tenantId });
    expect(signedIn.scopes).toContain("Group.ReadWrite.All");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/approve the code [A-Z0-9]{9}/);
    expect(statSync(cachePath).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(cachePath)).mode & 0o777).toBe(0o700);

    const provider = createTokenProvider(target("run"), { stateDir: join(cwd, ".holofleet") });
    const graph = graphFor(target("run"), provider);
    const groups = await graph.request("GET", "/groups");
    expect(groups.status).toBe(200);
    const token = await provider.getToken({ forceRefresh: false });
    expect(claimsOf(token)).toMatchObject({ idtyp: "user", upn, appid: t.clientId });
    // A forced refresh (after a 401) redeems the refresh token for a new access token.
    const refreshed = await provider.getToken({ forceRefresh: true });
    expect(refreshed).not.toBe(token);
    expect(readFileSync(cachePath, "utf8")).not.toContain(token); // the spent token was replaced
    await graph.close();
    await provider.close();
  });

  it("signing out → the cache file is gone and tokens are refused with HF5110", async () => {
    expect(existsSync(cachePath)).toBe(true);
    expect(await signOut(cachePath, target("run"))).toEqual([upn]);
    expect(existsSync(cachePath)).toBe(false);
    const provider = createTokenProvider(target("run"), { stateDir: join(cwd, ".holofleet") });
    const err = await provider.getToken({ forceRefresh: false }).catch((e: unknown) => e);
    await provider.close();
    expect(err).toMatchObject({ code: "HF5110" });
    expect((err as AuthenticationError).fix).toContain("holofleet login");
  });

  it("a declined sign-in → HF5111, and nothing is cached", async () => {
    await t.sim("POST", "/sign-ins", { outcome: "decline" });
    const err = await signInWithDeviceCode(target("login"), { cachePath, onMessage: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthenticationError);
    expect(err).toMatchObject({ code: "HF5111" });
    expect(existsSync(cachePath)).toBe(false);
  });
});
