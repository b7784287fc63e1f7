/**
 * `log()`: one debug line per request and its outcome (method, redacted URL, status, duration,
 * attempts, request ids), a warning per failure. It never logs headers or bodies, so a token or a
 * new user's `passwordProfile` cannot reach a log; URLs go through `redactUrl`.
 */
import { systemClock } from "../clock.ts";
import { GraphRequestError } from "../errors.ts";
import { redactUrl } from "../redact.ts";
import type { Clock, Logger, Middleware } from "../types.ts";

export function log(opts: { logger: Logger; clock?: Clock }): Middleware {
  const clock = opts.clock ?? systemClock;
  return async function log(req, next) {
    const started = clock.now();
    const base = { method: req.method, url: redactUrl(req.url), clientRequestId: req.context.clientRequestId };
    opts.logger.debug("graph request", base);
    try {
      const res = await next(req);
      opts.logger.debug("graph response", {
        ...base,
        status: res.status,
        ...(res.recovered ? { recovered: true } : {}),
        requestId: res.headers["request-id"],
        attempts: req.context.attempt,
        ms: clock.now() - started,
      });
      return res;
    } catch (err) {
      if (err instanceof GraphRequestError)
        opts.logger.warn("graph request failed", {
          ...base,
          status: err.status,
          code: err.code,
          message: err.message,
          requestId: err.requestId,
          attempts: req.context.attempt,
          ms: clock.now() - started,
        });
      throw err;
    }
  };
}
