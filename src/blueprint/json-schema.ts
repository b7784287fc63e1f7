/**
 * The blueprint's JSON Schema (draft 2020-12), generated from the zod schema so editors can complete and
 * check `*.holofleet.yaml` files. It describes the YAML surface (input side): defaults and descriptions
 * come from the section schemas; defaults that depend on another key are stated in the descriptions.
 */
import { z } from "zod";
import { blueprintInputSchema } from "./schema/blueprint.ts";

export const BLUEPRINT_SCHEMA_ID = "https://holofleet.dev/schema/blueprint-v1.json";

export function blueprintJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(blueprintInputSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  const { $schema, ...rest } = generated as Record<string, unknown>;
  return { $schema, $id: BLUEPRINT_SCHEMA_ID, title: "holofleet blueprint (holofleet/v1)", ...rest };
}
