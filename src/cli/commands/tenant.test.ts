/** `holofleet tenant local …` end to end: a real background process, tenant.json, status, reset, stop. */
import { spawnSync } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { REQUIRED_APP_ROLES } from "../../auth/required-permissions.ts";
import { loadBlueprintFile } from "../../blueprint/load.ts";
import { tenantRequirements, unmetRequirements } from "../../tenant-sim/arrange/requirements.ts";
import { readTenantFile } from "../../tenant-sim/tenant-file.ts";
import { firstLoggedDiagnostic } from "./tenant.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "holofleet-cli-tenant-"));
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/holofleet.js", "tenant", "local", ...args, "--dir", dir], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });

afterAll(() => {
  const file = readTenantFile(dir);
  if (file?.pid) {
    try {
      process.kill(file.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("holofleet tenant local", () => {
  it("starts in the background, answers, resets and stops only its own pid", async () => {
    expect(cli("status").status).toBe(1);

    const start = cli("start", "--port", "0");
    expect(start.stderr).toBe("");
    expect(start.status).toBe(0);
    const file = readTenantFile(dir)!;
    expect(file).toMatchObject({ graphUrl: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), pid: expect.any(Number) });
    expect(file.authorityUrl).toBe(file.graphUrl);
    expect(file.caFile).toBe(join(dir, "ca.pem"));
    expect(statSync(join(dir, "tenant.json")).mode & 0o777).toBe(0o600);
    expect(start.stdout).not.toContain(file.clientSecret);
    expect(file.simKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(start.stdout).not.toContain(file.simKey);

    // The secret in tenant.json really gets a token, and Graph answers with it.
    const dispatcher = new Agent({ connect: { ca: readFileSync(file.caFile, "utf8") } });
    const tokenRes = await undiciFetch(`${file.authorityUrl}/${file.tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      dispatcher,
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: file.clientId, client_secret: file.clientSecret, scope: "https://graph.microsoft.com/.default" }),
    });
    const { access_token } = (await tokenRes.json()) as { access_token: string };
    const org = await undiciFetch(`${file.graphUrl}/v1.0/organization`, { dispatcher, headers: { authorization: `Bearer ${access_token}` } });
    expect(org.status).toBe(200);
    // The control routes need tenant.json's simKey.
    expect((await undiciFetch(`${file.graphUrl}/_sim/clock`, { dispatcher })).status).toBe(401);
    expect((await undiciFetch(`${file.graphUrl}/_sim/clock`, { dispatcher, headers: { "x-sim-key": file.simKey! } })).status).toBe(200);
    await dispatcher.close();

    const again = cli("start");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("already running");

    const status = cli("status", "--json");
    expect(status.status).toBe(0);
    const shown = JSON.parse(status.stdout);
    expect(shown.running).toBe(true);
    expect(shown.clientSecret).toBeUndefined();
    expect(shown.simKey).toBeUndefined();

    expect(cli("reset").stdout).toContain("reset (running)");

    const stop = cli("stop");
    expect(stop.status).toBe(0);
    expect(stop.stdout).toContain(`stopped (pid ${file.pid})`);
    expect(() => process.kill(file.pid!, 0)).toThrow();
    expect(readTenantFile(dir)?.pid).toBeNull();
    expect(cli("status").status).toBe(1);
    expect(cli("reset").stdout).toContain("local tenant reset");
  }, 90_000);

  it("a port already taken → exit 1 with the reason itself (not just 'see the log'), no stack trace", async () => {
    const busy = createServer();
    await new Promise<void>((listening) => busy.listen(0, "127.0.0.1", listening));
    const port = (busy.address() as AddressInfo).port;
    try {
      const taken = join(dir, "taken");
      const run = spawnSync(process.execPath, ["bin/holofleet.js", "tenant", "local", "start", "--port", String(port), "--dir", taken], {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`HF7001  port ${port} on 127.0.0.1 is already in use`);
      expect(run.stderr).not.toContain("exited during start");
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(readTenantFile(taken)).toBeUndefined();
    } finally {
      await new Promise((closed) => busy.close(closed));
    }
  }, 90_000);

  it("rejects a bad --port with a located diagnostic, no stack trace", () => {
    const run = cli("start", "--port", "99999");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("HF9003");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("firstLoggedDiagnostic", () => {
  it("the log of an earlier run and of this one → the message of this run's first diagnostic, without its fix", () => {
    const log = join(dir, "first-logged.log");
    const earlier = "-  HF7001  port 1 on 127.0.0.1 is already in use — Pick another one with --port.\n";
    writeFileSync(log, earlier + "some output\n-  HF7001  the local tenant could not start: EACCES — x\nerror: the local tenant could not start\n");
    expect(firstLoggedDiagnostic(log, Buffer.byteLength(earlier))).toBe("the local tenant could not start: EACCES");
    expect(firstLoggedDiagnostic(log, 0)).toBe("port 1 on 127.0.0.1 is already in use");
    expect(firstLoggedDiagnostic(join(dir, "missing.log"), 0)).toBeUndefined();
  });
});

describe("holofleet tenant local start --blueprint", () => {
  const startWith = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["bin/holofleet.js", "tenant", "local", "start", ...args], { cwd: repoRoot, encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });

  it("a bundled example (and HOLOFLEET_APP_ROLES without Device.Read.All) → a fresh tenant with the blueprint's tenant id, its domains verified, seats for every account, and exactly those roles", async () => {
    const fresh = join(dir, "rehearsal");
    const roles = REQUIRED_APP_ROLES.filter((r) => r !== "Device.Read.All");
    const run = startWith(["--blueprint", "examples/service-tenant.holofleet.yaml", "--port", "0", "--dir", fresh], { HOLOFLEET_APP_ROLES: roles.join(",") });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const file = readTenantFile(fresh)!;
    try {
      expect(file.tenantId).toBe("2c1d6f0e-8b7a-4e3d-9c5b-7a6f1e2d3c4b");
      expect(run.stdout).toMatch(/arranged for .*service-tenant\.holofleet\.yaml: \d+ verified domains? \(.*woodgroveclients\.onmicrosoft\.com/);
      const { blueprint } = await loadBlueprintFile(join(repoRoot, "examples/service-tenant.holofleet.yaml"));
      const dispatcher = new Agent({ connect: { ca: readFileSync(file.caFile, "utf8") } });
      try {
        const tokenRes = await undiciFetch(`${file.authorityUrl}/${file.tenantId}/oauth2/v2.0/token`, {
          method: "POST",
          dispatcher,
          body: new URLSearchParams({ grant_type: "client_credentials", client_id: file.clientId, client_secret: file.clientSecret, scope: "https://graph.microsoft.com/.default" }),
        });
        const { access_token } = (await tokenRes.json()) as { access_token: string };
        expect(JSON.parse(Buffer.from(access_token.split(".")[1]!, "base64url").toString("utf8")).roles.sort()).toEqual(roles);
        expect((await undiciFetch(`${file.graphUrl}/v1.0/devices`, { dispatcher, headers: { authorization: `Bearer ${access_token}` } })).status).toBe(403);
        const get = async (path: string) => ((await (await undiciFetch(`${file.graphUrl}/v1.0${path}`, { dispatcher, headers: { authorization: `Bearer ${access_token}` } })).json()) as { value: never[] }).value;
        expect(unmetRequirements(tenantRequirements(blueprint!), { domains: await get("/domains"), subscribedSkus: await get("/subscribedSkus") })).toEqual([]);
      } finally {
        await dispatcher.close();
      }
    } finally {
      const stop = spawnSync(process.execPath, ["bin/holofleet.js", "tenant", "local", "stop", "--dir", fresh], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });
      expect(stop.status).toBe(0);
    }
  }, 90_000);

  it("a directory that already holds a tenant → HF7005, nothing started", () => {
    const used = join(dir, "used");
    mkdirSync(used, { recursive: true });
    writeFileSync(join(used, "state.db"), "");
    const run = startWith(["--blueprint", "examples/minimal.holofleet.yaml", "--port", "0", "--dir", used]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("HF7005");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readTenantFile(used)).toBeUndefined();
  });

  it("an invalid blueprint → its located diagnostics, exit 1, no tenant and no state directory", () => {
    const bad = join(dir, "bad.holofleet.yaml");
    writeFileSync(bad, "apiVersion: holofleet/v1\ntenant:\n  domain: contoso.onmicrosoft.com\n  colour: blue\n");
    const target = join(dir, "never");
    const run = startWith(["--blueprint", bad, "--port", "0", "--dir", target]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:4:3 +HF1\\d{3}`));
    expect(run.stderr).toContain("no tenant started");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(target)).toBe(false);
  });
});

describe("holofleet tenant local start --blueprint after a failed start", () => {
  it("a port already taken → exit 1; the same --dir then starts with another port (the failed start left no tenant behind)", async () => {
    const busy = createServer();
    await new Promise<void>((listening) => busy.listen(0, "127.0.0.1", listening));
    const port = (busy.address() as AddressInfo).port;
    const target = join(dir, "retry");
    const start = (p: string) =>
      spawnSync(process.execPath, ["bin/holofleet.js", "tenant", "local", "start", "--blueprint", "examples/minimal.holofleet.yaml", "--port", p, "--dir", target], {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 60_000,
      });
    try {
      const taken = start(String(port));
      expect(taken.status).toBe(1);
      expect(taken.stderr).toContain(`HF7001  port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((closed) => busy.close(closed));
    }
    const retried = start("0");
    expect(retried.stderr).toBe("");
    expect(retried.status).toBe(0);
    const stop = spawnSync(process.execPath, ["bin/holofleet.js", "tenant", "local", "stop", "--dir", target], { cwd: repoRoot, encoding: "utf8", timeout: 60_000 });
    expect(stop.status).toBe(0);
  }, 90_000);
});
