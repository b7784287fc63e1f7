/** `holofleet schema`: prints the blueprint's JSON Schema for editors (e.g. yaml-language-server). */
import type { Command } from "commander";
import { blueprintJsonSchema } from "../../blueprint/json-schema.ts";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of holofleet.yaml blueprints")
    .action(() => {
      process.stdout.write(JSON.stringify(blueprintJsonSchema(), null, 2) + "\n");
    });
}
