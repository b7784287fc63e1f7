/**
 * `auth()`: the innermost middleware, so every attempt carries a current token. A 401 gets one
 * forced refresh and one more try (a revoked or rotated token), never more. A token is only ever
 * sent to the Graph origins the client was built for: a nextLink or URL pointing elsewhere is
 * refused instead of leaking the token to another host.
 */
import { GraphRequestError } from "../errors.ts";
import type { GraphRequest, Middleware, TokenProvider } from "../types.ts";

export function auth(provider: TokenProvider, opts: { origins: readonly string[] }): Middleware {
  const origins = new Set(opts.origins.map((o) => new URL(o).origin));
  return async function auth(req, next) {
    let origin: string;
    try {
      origin = new URL(req.url).origin;
    } catch {
      origin = "";
    }
    if (!origins.has(origin))
      throw new GraphRequestError(`refusing to send a Graph token to ${origin || "an invalid URL"}; expected ${[...origins].join(" or ")}`, {
        status: 0,
        code: "UntrustedHost",
        request: req,
      });
    const send = async (forceRefresh: boolean) => {
      const token = await provider.getToken({ forceRefresh, signal: req.options.signal });
      const signed: GraphRequest = { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
      return next(signed);
    };
    try {
      return await send(false);
    } catch (err) {
      if (err instanceof GraphRequestError && err.status === 401) return send(true);
      throw err;
    }
  };
}
