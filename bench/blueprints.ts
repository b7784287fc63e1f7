/**
 * Generated blueprints for the loader benchmarks: a large valid program (clients, accounts and device
 * serials) and a file with many unknown keys. Both start from the bundled example, so they stay valid
 * as the schema grows.
 */
import { readFileSync } from "node:fs";

const EXAMPLE = new URL("../examples/same-tenant-three-clients.holofleet.yaml", import.meta.url);

/** The example's sections before `clients:`, which the generators keep as they are. */
function head(): string {
  const text = readFileSync(EXAMPLE, "utf8");
  return text.slice(0, text.indexOf("\nclients:\n") + 1);
}

function tail(): string {
  const text = readFileSync(EXAMPLE, "utf8");
  return text.slice(text.indexOf("\npasswords:\n") + 1);
}

/** A valid blueprint with `clients` clients, each with `accountsPerClient` accounts of `serialsPerAccount` devices. */
export function largeBlueprint(clients: number, accountsPerClient: number, serialsPerAccount: number): string {
  const lines = ["clients:"];
  let serial = 0;
  for (let c = 0; c < clients; c++) {
    const id = `client${String(c).padStart(5, "0")}`;
    lines.push(`  - id: ${id}`, `    displayName: Client ${c}`, "    accounts:");
    for (let a = 0; a < accountsPerClient; a++) {
      const devices = Array.from({ length: serialsPerAccount }, () => `HL2-${String(serial++).padStart(7, "0")}`);
      lines.push(`      - upn: ${id}-op${a}`, `        devices: [${devices.join(", ")}]`);
    }
  }
  return head() + lines.join("\n") + "\n\n" + tail();
}

/** The example with `count` unknown keys in its `tenant` section. */
export function unknownKeysBlueprint(count: number): string {
  const text = readFileSync(EXAMPLE, "utf8");
  const keys = Array.from({ length: count }, (_, i) => `  unknownKey${String(i).padStart(7, "0")}: value`);
  return text.replace("\ntenant:\n", `\ntenant:\n${keys.join("\n")}\n`);
}
