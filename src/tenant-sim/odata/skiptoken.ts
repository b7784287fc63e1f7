/**
 * Opaque `$skiptoken`s. Clients must not parse them (graph-facts §9.2), so the format is private:
 * base64 of a versioned offset record. Standard base64 on purpose — its `+ / =` exercise clients'
 * URL encoding the way Graph's tokens do (local-https-auth.md §2, "Skiptoken round trip").
 */

export function encodeSkipToken(offset: number): string {
  return Buffer.from(`DSpt\u0001${offset}`, "utf8").toString("base64");
}

export function decodeSkipToken(token: string): number | undefined {
  const text = Buffer.from(token, "base64").toString("utf8");
  const m = /^DSpt\u0001(\d+)$/.exec(text);
  return m ? Number(m[1]) : undefined;
}
