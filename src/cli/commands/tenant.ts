/**
 * `holofleet tenant local start|stop|status|reset`: the local tenant's lifecycle. `start` runs the
 * server in the foreground (`--foreground`) or as a detached background process that writes
 * `<dir>/tenant.json`, and returns once the server answers; `stop` ends only the pid recorded there.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, fstatSync, mkdirSync, openSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { Agent, fetch as undiciFetch } from "undici";
import { type Diagnostic, UserError } from "../../diag/diagnostic.ts";
import { createLocalTenant, openTenantStore, resetTenantState, type ThrottlingMode } from "../../tenant-sim/app.ts";
import { readTenantFile, tenantFilePath, writeTenantFile, type TenantFile } from "../../tenant-sim/tenant-file.ts";
import { readFileSync } from "node:fs";
import { ExitCode } from "../run.ts";

export const DEFAULT_TENANT_DIR = "./.holofleet/tenant/";
export const DEFAULT_TENANT_PORT = 8443;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

interface LocalOptions {
  dir: string;
  port?: string;
  foreground?: boolean;
  throttling?: string;
}

function tenantError(code: string, message: string, fix?: string): UserError {
  return new UserError(message, [{ severity: "error", code, message, ...(fix ? { fix } : {}) }]);
}

function parsePort(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserError(`invalid --port '${raw}'`, [{ severity: "error", code: "HF9003", message: `--port must be an integer from 0 to 65535, not '${raw}'` }]);
  return port;
}

function parseThrottling(raw: string | undefined): ThrottlingMode {
  const mode = raw ?? "off";
  if (mode !== "off" && mode !== "realistic" && mode !== "strict")
    throw new UserError(`invalid --throttling '${raw}'`, [{ severity: "error", code: "HF9003", message: `--throttling must be off, realistic or strict, not '${raw}'` }]);
  return mode;
}

function pidAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** True when the tenant described by `file` answers its OpenID metadata over verified TLS. */
export async function tenantAnswers(file: TenantFile): Promise<boolean> {
  if (!existsSync(file.caFile)) return false;
  const dispatcher = new Agent({ connect: { ca: readFileSync(file.caFile, "utf8") } });
  try {
    const res = await undiciFetch(`${file.authorityUrl}/${file.tenantId}/v2.0/.well-known/openid-configuration`, {
      dispatcher,
      signal: AbortSignal.timeout(2000),
    });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  } finally {
    await dispatcher.close();
  }
}

async function runningTenant(dir: string): Promise<TenantFile | undefined> {
  const file = readTenantFile(dir);
  if (!file || !pidAlive(file.pid)) return undefined;
  return (await tenantAnswers(file)) ? file : undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a background start's child sends its parent over IPC when it cannot start. */
interface StartFailure {
  type: "holofleet:start-failed";
  diagnostics: Diagnostic[];
}

const isStartFailure = (message: unknown): message is StartFailure =>
  typeof message === "object" && message !== null && (message as StartFailure).type === "holofleet:start-failed";

/** Tells the parent that spawned this process (startBackground) why it cannot start; a no-op without one. */
async function reportStartFailure(error: UserError): Promise<void> {
  if (!process.send || !process.connected) return;
  const message: StartFailure = { type: "holofleet:start-failed", diagnostics: error.diagnostics };
  await new Promise<void>((sent) => process.send!(message, undefined, {}, () => sent()));
}

async function startForeground(dir: string, port: number, throttling: ThrottlingMode): Promise<void> {
  let tenant;
  try {
    tenant = await createLocalTenant({ dir, port, throttling });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const error =
      e.code === "EADDRINUSE"
        ? tenantError("HF7001", `port ${port} on 127.0.0.1 is already in use`, "Pick another one with --port.")
        : tenantError("HF7001", `the local tenant could not start: ${e.message}`);
    await reportStartFailure(error);
    throw error;
  }
  writeTenantFile(dir, {
    graphUrl: tenant.url,
    authorityUrl: tenant.url,
    tenantId: tenant.tenantId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    caFile: resolve(tenant.caFile),
    pid: process.pid,
    simKey: tenant.simKey,
  });
  process.stdout.write(`local tenant ${tenant.tenantId} listening on ${tenant.url} (state in ${resolve(dir)})\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void tenant.close().then(() => {
        const file = readTenantFile(dir);
        if (file && file.pid === process.pid) writeTenantFile(dir, { ...file, pid: null });
        done();
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** The message of the first diagnostic line (`where  HFnnnn  message — fix`) written to the log from `offset` on. */
export function firstLoggedDiagnostic(logFile: string, offset: number): string | undefined {
  try {
    const text = readFileSync(logFile).subarray(offset).toString("utf8");
    const line = text.split("\n").find((l) => /^\S+ {2}HF\d{4} {2}/.test(l));
    return line?.replace(/^\S+ {2}HF\d{4} {2}/, "").split(" — ")[0];
  } catch {
    return undefined;
  }
}

async function startBackground(dir: string, port: number, throttling: ThrottlingMode): Promise<TenantFile> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const bin = fileURLToPath(new URL("../../../bin/holofleet.js", import.meta.url));
  const logFile = join(dir, "tenant.log");
  const log = openSync(logFile, "a", 0o600);
  const logStart = fstatSync(log).size;
  // The IPC channel carries the reason the child cannot start (a port in use, …) back to this process;
  // its output goes to the log.
  const child = spawn(
    process.execPath,
    [bin, "tenant", "local", "start", "--foreground", "--dir", dir, "--port", String(port), "--throttling", throttling],
    { detached: true, stdio: ["ignore", log, log, "ipc"] },
  );
  closeSync(log);
  let failure: StartFailure | undefined;
  child.on("message", (message) => {
    if (isStartFailure(message)) failure = message;
  });
  const channelClosed = new Promise<void>((closed) => child.once("disconnect", closed));
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  child.unref();
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited !== undefined) {
        // Messages sent before the exit arrive before the channel closes.
        await Promise.race([channelClosed, sleep(5000)]);
        if (failure) throw new UserError(failure.diagnostics[0]?.message ?? "the local tenant could not start", failure.diagnostics);
        // No message (the child failed before it could send one): the first diagnostic it logged, if any.
        const logged = firstLoggedDiagnostic(logFile, logStart);
        const reason = logged ? `: ${logged}` : ` (code ${exited})`;
        throw tenantError("HF7001", `the local tenant exited during start${reason}`, `See ${resolve(logFile)}.`);
      }
      const file = readTenantFile(dir);
      if (file && file.pid === child.pid && (await tenantAnswers(file))) return file;
      await sleep(150);
    }
    if (child.pid) process.kill(child.pid, "SIGTERM");
    throw tenantError("HF7001", `the local tenant did not answer within ${START_TIMEOUT_MS / 1000} s`, `See ${join(resolve(dir), "tenant.log")}.`);
  } finally {
    // The channel would keep this process alive, and the tenant runs on without it.
    if (child.connected) child.disconnect();
  }
}

export function registerTenant(program: Command): void {
  const tenant = program.command("tenant").description("manage tenants");
  const local = tenant.command("local").description("the local Graph-compatible tenant (HTTPS on 127.0.0.1)");
  const dirOption = ["--dir <dir>", "state directory", DEFAULT_TENANT_DIR] as const;

  local
    .command("start")
    .description("start the local tenant and write <dir>/tenant.json")
    .option(...dirOption)
    .option("--port <port>", `TCP port on 127.0.0.1 (default: the last one used, else ${DEFAULT_TENANT_PORT})`)
    .option("--throttling <mode>", "service-limit throttling: off, realistic or strict", "off")
    .option("--foreground", "run in this process until interrupted")
    .action(async (opts: LocalOptions) => {
      const throttling = parseThrottling(opts.throttling);
      const previous = readTenantFile(opts.dir);
      const port = parsePort(opts.port, previous ? Number(new URL(previous.graphUrl).port) : DEFAULT_TENANT_PORT);
      const running = await runningTenant(opts.dir);
      if (running) {
        process.stdout.write(`local tenant already running at ${running.graphUrl} (pid ${running.pid})\n`);
        return;
      }
      if (opts.foreground) {
        await startForeground(opts.dir, port, throttling);
        return;
      }
      const file = await startBackground(opts.dir, port, throttling);
      process.stdout.write(`local tenant ${file.tenantId} running at ${file.graphUrl} (pid ${file.pid}); details in ${tenantFilePath(opts.dir)}\n`);
    });

  local
    .command("stop")
    .description("stop the local tenant started from <dir>")
    .option(...dirOption)
    .action(async (opts: LocalOptions) => {
      const file = readTenantFile(opts.dir);
      if (!file || !pidAlive(file.pid)) {
        process.stdout.write("local tenant is not running\n");
        return;
      }
      // Only signal the pid when it is really our tenant (a stale pid may belong to anything).
      if (!(await tenantAnswers(file)))
        throw tenantError("HF7004", `pid ${file.pid} in ${tenantFilePath(opts.dir)} does not answer as the local tenant; not stopping it`);
      process.kill(file.pid!, "SIGTERM");
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (pidAlive(file.pid) && Date.now() < deadline) await sleep(100);
      if (pidAlive(file.pid)) throw tenantError("HF7004", `the local tenant (pid ${file.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
      const now = readTenantFile(opts.dir);
      if (now && now.pid === file.pid) writeTenantFile(opts.dir, { ...now, pid: null });
      process.stdout.write(`local tenant stopped (pid ${file.pid})\n`);
    });

  local
    .command("status")
    .description("show whether the local tenant runs (exit 0) or not (exit 1)")
    .option(...dirOption)
    .option("--json", "print tenant.json's fields without the secrets, plus running")
    .action(async (opts: LocalOptions & { json?: boolean }) => {
      const file = readTenantFile(opts.dir);
      const running = file ? await runningTenant(opts.dir) : undefined;
      if (opts.json) {
        const { clientSecret: _secret, simKey: _simKey, ...visible } = file ?? ({} as Partial<TenantFile>);
        process.stdout.write(JSON.stringify({ running: Boolean(running), ...visible }, null, 2) + "\n");
      } else if (running) {
        process.stdout.write(`running  ${running.graphUrl}  tenant ${running.tenantId}  pid ${running.pid}\n`);
      } else {
        process.stdout.write(file ? `stopped  (last at ${file.graphUrl}, tenant ${file.tenantId})\n` : `stopped  (no tenant in ${resolve(opts.dir)})\n`);
      }
      if (!running) throw new ExitCode(1);
    });

  local
    .command("reset")
    .description("wipe the local tenant's state (keeps its identity, app registrations and certificates)")
    .option(...dirOption)
    .action(async (opts: LocalOptions) => {
      const running = await runningTenant(opts.dir);
      if (running) {
        const dispatcher = new Agent({ connect: { ca: readFileSync(running.caFile, "utf8") } });
        try {
          const res = await undiciFetch(`${running.graphUrl}/_sim/reset`, { method: "POST", dispatcher, headers: { "x-sim-key": running.simKey ?? "" } });
          if (res.status !== 204) throw tenantError("HF7001", `the running tenant refused the reset (HTTP ${res.status})`);
        } finally {
          await dispatcher.close();
        }
        process.stdout.write("local tenant reset (running)\n");
        return;
      }
      if (!existsSync(join(opts.dir, "state.db"))) {
        process.stdout.write(`nothing to reset in ${resolve(opts.dir)}\n`);
        return;
      }
      const store = openTenantStore(opts.dir);
      try {
        resetTenantState(store, () => new Date());
      } finally {
        store.close();
      }
      process.stdout.write("local tenant reset\n");
    });
}
