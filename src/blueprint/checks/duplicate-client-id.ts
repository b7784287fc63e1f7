/** HF2017: two clients with the same id would share group names, addresses and IB segments. */
import { finding, type BlueprintCheck } from "./finding.ts";

export const duplicateClientId: BlueprintCheck = (bp, src) => {
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
        why: "The id names the client's group and isolation segment, so it must be unique.",
        fix: "Give each client its own id.",
      }),
    ];
  });
};
