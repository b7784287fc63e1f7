/**
 * A second operator in its own process, for the SQLite cross-process race (sqlite.test.ts): opens the
 * store on the file, reads the device, prints `ready`, waits for `go` on stdin, then attempts the
 * transition and prints the outcome as one JSON line.
 *   node --import tsx transition-process.ts <file> <request JSON> <actor>
 */
import { createInterface } from "node:readline";
import { openSqliteFleetStore } from "../sqlite.ts";
import { isStoreError } from "../store-error.ts";

const [file, requestJson, actor] = process.argv.slice(2);
const request = JSON.parse(requestJson!);
const store = await openSqliteFleetStore({ file: file! });
const seen = await store.devices.get(request.serial);
process.stdout.write(`ready ${seen?.version}\n`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== "go") continue;
  try {
    const result = await store.loans.transition({ ...request, expected: { state: seen!.state, version: seen!.version } }, actor!);
    process.stdout.write(`${JSON.stringify({ ok: true, version: result.device.version })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ ok: false, kind: isStoreError(error) ? error.kind : "bug", message: (error as Error).message })}\n`);
  }
  break;
}
lines.close();
await store.close();
