import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliWorkDir, holofleet, startFleetTest, type FleetTest } from "../../operations/fleet-testing.ts";
import { isLoopback } from "./console.ts";

const BIN = fileURLToPath(new URL("../../../bin/holofleet.js", import.meta.url));

let f: FleetTest;
let cwd: string;
beforeAll(async () => {
  f = await startFleetTest();
  cwd = cliWorkDir(f);
}, 60_000);
afterAll(async () => {
  await f?.close();
});

describe("holofleet console", { timeout: 60_000 }, () => {
  it("users add --json → { name, role, password } once; the store holds a scrypt hash, list shows no secret", async () => {
    const added = await holofleet(cwd, "console", "users", "add", "ops", "--role", "operator", "--json");
    expect(added.code, added.stderr).toBe(0);
    const out = JSON.parse(added.stdout) as { name: string; role: string; password: string };
    expect(out).toMatchObject({ name: "ops", role: "operator" });
    expect(out.password).toHaveLength(24);
    const db = readFileSync(join(cwd, ".holofleet", "fleet.sqlite")).toString("latin1");
    expect(db).not.toContain(out.password);
    expect(db).toContain("scrypt$131072$8$1$");
    const list = await holofleet(cwd, "console", "users", "list", "--json");
    expect(JSON.parse(list.stdout).users).toEqual([expect.objectContaining({ name: "ops", role: "operator" })]);
    expect(list.stdout).not.toContain("scrypt");

    const reset = await holofleet(cwd, "console", "users", "reset-password", "ops", "--json");
    expect(JSON.parse(reset.stdout).password).not.toBe(out.password);
    const missing = await holofleet(cwd, "console", "users", "reset-password", "ghost");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("HF8203");
    const twice = await holofleet(cwd, "console", "users", "add", "ops", "--role", "viewer");
    expect(twice.code).toBe(1);
    expect(twice.stderr).not.toMatch(/\n\s+at /);
  });

  it("a role outside viewer|operator|admin → refused", async () => {
    const res = await holofleet(cwd, "console", "users", "add", "eve", "--role", "root");
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Allowed choices are viewer, operator, admin/);
  });

  it("--host beyond loopback without --allow-remote → HF8204, exit 1", async () => {
    const res = await holofleet(cwd, "console", "--host", "0.0.0.0", "--port", "0");
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("HF8204");
    expect(["127.0.0.1", "127.0.0.2", "::1", "localhost"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "10.0.0.1", "::", "example.com"].some(isLoopback)).toBe(false);
  });

  it("a port already in use → HF8206 with what to do, exit 1, no stack trace", async () => {
    const { createServer } = await import("node:net");
    const taken = createServer();
    await new Promise<void>((ready) => taken.listen(0, "127.0.0.1", () => ready()));
    try {
      const port = (taken.address() as { port: number }).port;
      const res = await holofleet(cwd, "console", "--port", String(port));
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`HF8206  127.0.0.1:${port} is in use`);
      expect(res.stderr).toContain("--port");
      expect(res.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      await new Promise<void>((done) => taken.close(() => done()));
    }
  });

  it("starts, prints its URL, answers, and stops cleanly on SIGTERM", async () => {
    const env = { ...process.env, NO_COLOR: "1", AZURE_TENANT_ID: "", AZURE_CLIENT_ID: "", DATABASE_URL: "" };
    const child = spawn(process.execPath, [BIN, "console", "--port", "0"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      child.stdout.setEncoding("utf8").on("data", (c: string) => {
        stdout += c;
        const m = /holofleet console: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`console exited ${code}: ${stderr}`)));
    });
    const login = await fetch(`${url}login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="username"');
    expect((await fetch(`${url}devices`, { headers: { Accept: "text/html" }, redirect: "manual" })).status).toBe(303);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain("SIGTERM: stopping the console");
    await expect(fetch(`${url}login`)).rejects.toThrow();
  });
});
