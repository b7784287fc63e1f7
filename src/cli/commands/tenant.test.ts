/** `holofleet tenant local …` end to end: a real background process, tenant.json, status, reset, stop. */
import { spawnSync } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, describe, expect, it } from "vitest";
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
