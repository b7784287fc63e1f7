/**
 * Test-only: runs the real CLI as a user would — `node bin/holofleet.js …` in a given working
 * directory, i.e. the JavaScript build in dist/, which the vitest global setup rebuilds whenever src/
 * changed — and collects its exit code and output. Every run is also appended to a transcript so a
 * test can search everything the CLI ever printed (secret-leak checks).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI_BIN = fileURLToPath(new URL("../../../bin/holofleet.js", import.meta.url));

export interface CliRun {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliRunner {
  run(args: string[], opts?: { timeoutMs?: number }): Promise<CliRun>;
  /** Every run so far, in order. */
  readonly transcript: readonly CliRun[];
}

/** A runner bound to one working directory. */
export function cliRunner(cwd: string, env: NodeJS.ProcessEnv = process.env): CliRunner {
  const transcript: CliRun[] = [];
  return {
    transcript,
    run(args, opts = {}) {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env: { ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
        child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
        const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
        child.on("error", (err) => {
          clearTimeout(timer);
          reject(err);
        });
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          const run: CliRun = { args, code, signal, stdout, stderr };
          transcript.push(run);
          resolve(run);
        });
      });
    },
  };
}

/** Whether a process with this pid exists (signal 0 probes without signalling). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Ends a tenant this test started, by its pid only, and waits until it is gone. */
export async function stopByPid(pid: number | null | undefined, timeoutMs = 10_000): Promise<void> {
  if (!pid || !pidAlive(pid)) return;
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + timeoutMs;
  while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) process.kill(pid, "SIGKILL");
}
