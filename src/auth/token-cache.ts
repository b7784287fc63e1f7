/**
 * MSAL's token cache on disk for people who signed in (`holofleet login`):
 * `<state dir>/auth/token-cache.json`, written atomically (temp file + rename) with mode 0600 in a
 * 0700 directory, because it holds refresh tokens. A cache file that others can read is tightened
 * before use. Automation credentials never touch it (their tokens stay in memory).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ICachePlugin, TokenCacheContext } from "@azure/msal-node";
import { AuthenticationError } from "./errors.ts";
import { TOKEN_CACHE_FILE } from "./target.ts";

export function tokenCachePath(stateDir: string): string {
  return join(stateDir, TOKEN_CACHE_FILE);
}

function fail(path: string, action: string, err: unknown): AuthenticationError {
  return new AuthenticationError("HF5112", `the token cache ${path} cannot be ${action}: ${(err as Error).message}`, {
    source: { file: path, start: { line: 1, col: 1 } },
    fix: "Check the file's permissions, or remove it and sign in again with `holofleet login`.",
    cause: err,
  });
}

export function readTokenCache(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  try {
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return readFileSync(path, "utf8");
  } catch (err) {
    throw fail(path, "read", err);
  }
}

export function writeTokenCache(path: string, data: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  } catch (err) {
    throw fail(path, "written", err);
  }
}

export function removeTokenCache(path: string): void {
  rmSync(path, { force: true });
}

/** The MSAL cache plugin over that file. */
export function fileTokenCache(path: string): ICachePlugin {
  return {
    async beforeCacheAccess(ctx: TokenCacheContext) {
      const data = readTokenCache(path);
      if (data !== undefined) ctx.tokenCache.deserialize(data);
    },
    async afterCacheAccess(ctx: TokenCacheContext) {
      if (ctx.cacheHasChanged) writeTokenCache(path, ctx.tokenCache.serialize());
    },
  };
}
