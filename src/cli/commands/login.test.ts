/**
 * `holofleet login` / `logout` as a person runs them, against a local test tenant: the sign-in
 * prompt on stderr, the result on stdout, tokens only in the 0600 cache — never printed.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workDirFor } from "../../auth/testing.ts";
import { createTestUser, initialDomain } from "../../tenant-sim/directory/test-graph-fixtures.ts";
import { startTestTenant, type TestTenant } from "../../tenant-sim/testing.ts";

const BIN = fileURLToPath(new URL("../../../bin/holofleet.js", import.meta.url));
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/;

function cli(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1", AZURE_TENANT_ID: "", AZURE_CLIENT_ID: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let t: TestTenant;
let cwd: string;
let upn: string;
beforeAll(async () => {
  t = await startTestTenant();
  cwd = workDirFor(t);
  const domain = await initialDomain(t);
  upn = `ada@${domain}`;
  await createTestUser(t, domain, "ada");
});
afterAll(async () => {
  await t?.close();
  rmSync(cwd, { recursive: true, force: true });
});

// Each case spawns the CLI up to three times; a busy machine needs more than the default 30 s.
describe("holofleet login / logout", { timeout: 120_000 }, () => {
  it("login → the prompt on stderr, who signed in on stdout, tokens only in the 0600 cache; logout removes them", async () => {
    await t.sim("POST", "/sign-ins", { userPrincipalName: upn });
    const login = await cli(cwd, "login");
    expect(login.stderr).toMatch(/approve the code [A-Z0-9]{9}/);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`signed in as ${upn} to tenant ${t.tenantId}`);
    const cache = join(cwd, ".holofleet", "auth", "token-cache.json");
    expect(statSync(cache).mode & 0o777).toBe(0o600);
    expect(readFileSync(cache, "utf8")).toMatch(JWT); // the cache is where tokens live…
    expect(login.stdout + login.stderr).not.toMatch(JWT); // …and nowhere else
    expect(login.stdout + login.stderr).not.toContain(t.clientSecret);

    const logout = await cli(cwd, "logout");
    expect(logout).toMatchObject({ code: 0, stdout: `signed out ${upn}\n` });
    expect(existsSync(cache)).toBe(false);
    expect((await cli(cwd, "logout", "--tenant", "local")).stdout).toBe("nobody was signed in\n");
  });

  it("a declined sign-in → exit 1 with HF5111 and no stack trace", async () => {
    await t.sim("POST", "/sign-ins", { outcome: "decline" });
    const login = await cli(cwd, "login");
    expect(login.code).toBe(1);
    expect(login.stderr).toContain("HF5111");
    expect(login.stderr).not.toMatch(/\n\s+at /);
  });

  it("no local tenant → exit 1 with an actionable diagnostic (the other target mistakes: target.test.ts)", async () => {
    const empty = mkdtempSync(join(tmpdir(), "holofleet-login-"));
    try {
      const none = await cli(empty, "login");
      expect(none.code).toBe(1);
      expect(none.stderr).toContain("HF5101");
      expect(none.stderr).toContain("holofleet tenant local start");
      expect(none.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
