/** HF2017: two clients with the same id would share group names, addresses and IB segments. */
import { defineCheck, finding } from "./finding.ts";

export const duplicateClientId = defineCheck(["clients"], ["HF2017"], (bp, src) => {
  const first = new Map<string, number>();
  return bp.clients.flatMap((client, i) => {
    const earlier = first.get(client.id);
    if (earlier === undefined) {
      first.set(client.id, i);
      return [];
    }
    return [
      finding(src, ["clients", i, "id"], "HF2017", "error", {
        message: `client id \`${client.id}\` is already used by clients[${earlier}]`,
        why: "The id names the client's group and isolation segment, so two clients with one id would share them.",
        fix: `Give each client its own id, e.g. \`${client.id}-2\`, or merge the two entries.`,
      }),
    ];
  });
});
