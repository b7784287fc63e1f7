/**
 * Test-only transport (after octokit's test plugin): answers from a script and records a request
 * log — when each attempt was sent (on the test's clock), with which headers and body — so tests
 * can assert on attempts and their spacing without a server.
 */
import { systemClock } from "../clock.ts";
import { errorFromResponse, networkError } from "../errors.ts";
import type { Clock, GraphRequest, GraphResponse, Transport } from "../types.ts";

export type ScriptedAnswer =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** No HTTP answer: a reset connection or a lost response (status 0). */
  | { network: "NetworkError" | "Timeout" };

export type Script = ScriptedAnswer[] | ((req: GraphRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>);

export interface LoggedRequest {
  at: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  /** The answer's status (0 for a network failure). */
  status: number;
}

export interface ScriptedTransport extends Transport {
  readonly log: LoggedRequest[];
  /** Scripted answers not used yet (array scripts only). */
  remaining(): number;
}

export function scriptedTransport(script: Script, opts: { clock?: Clock } = {}): ScriptedTransport {
  const clock = opts.clock ?? systemClock;
  const queue = Array.isArray(script) ? [...script] : undefined;
  const log: LoggedRequest[] = [];
  let index = 0;
  const transport = async (req: GraphRequest): Promise<GraphResponse> => {
    const i = index++;
    const answer = queue ? queue.shift() : await (script as Exclude<Script, ScriptedAnswer[]>)(req, i);
    if (!answer) throw new Error(`scriptedTransport: no answer scripted for request #${i + 1} ${req.method} ${req.url}`);
    const entry: LoggedRequest = { at: clock.now(), method: req.method, url: req.url, headers: { ...req.headers }, status: "network" in answer ? 0 : answer.status };
    if (req.body !== undefined) entry.body = structuredClone(req.body);
    log.push(entry);
    // Answer on a later turn, as a socket would.
    await new Promise((r) => setImmediate(r));
    if ("network" in answer) throw networkError(req, answer.network, new Error(answer.network === "Timeout" ? "timed out" : "other side closed"));
    const headers = Object.fromEntries(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    if (answer.status >= 400) throw errorFromResponse(req, answer.status, headers, answer.body, clock.now());
    return { status: answer.status, headers, body: answer.body };
  };
  return Object.assign(transport, { log, remaining: () => queue?.length ?? 0 });
}
