/**
 * `throttle()`: holds one of the limiter's concurrency slots for the whole request, retries
 * included (it wraps `retry`), and admits each attempt against the budget of the request's service
 * (`budgets.ts`) and the shared pause. It hands `retry` two hooks: `reenter` (wait for admission
 * again before a retry) and `throttled` (a 429 came back: pause every request, because Graph
 * throttles per app per tenant).
 */
import { budgetClassOf } from "../budgets.ts";
import { GraphRequestError } from "../errors.ts";
import type { Limiter } from "../limiter.ts";
import type { Middleware } from "../types.ts";

export function throttle(opts: { limiter: Limiter }): Middleware {
  const { limiter } = opts;
  return async function throttle(req, next) {
    const signal = req.options.signal;
    const release = req.options.withinSlot ? undefined : await limiter.slot(signal);
    try {
      // Slot first, then budget: whoever holds budget entries is already able to send.
      const items = req.options.budgetItems ?? [{ cls: req.options.budget ?? budgetClassOf(req.url), method: req.method, url: req.url }];
      let ticket = await limiter.admit(items, signal);
      req.context.attemptDone = () => ticket.done();
      req.context.reenter = async () => {
        ticket.done();
        ticket = await limiter.admit(items, signal);
      };
      req.context.throttled = (ms) => limiter.pause(ms);
      try {
        return await next(req);
      } catch (err) {
        if (err instanceof GraphRequestError && err.status === 429 && err.retryAfterMs !== undefined) limiter.pause(err.retryAfterMs);
        throw err;
      } finally {
        ticket.done();
      }
    } finally {
      release?.();
    }
  };
}
