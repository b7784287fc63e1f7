/**
 * Test support for the semantic checks: builds a normalized blueprint and its source map from YAML text,
 * without running the checks, so each check's test exercises that check alone.
 */
import { LineCounter, parseDocument } from "yaml";
import { blueprintSchema } from "../schema/blueprint.ts";
import { createSourceMap, type YamlSourceMap } from "../source-map.ts";
import type { Blueprint } from "../types.ts";

/** The start of every check fixture: a valid tenant; append sections after it. */
export const FIXTURE_HEAD = "apiVersion: holofleet/v1\nmetadata:\n  name: fixture\ntenant:\n  domain: contoso.onmicrosoft.com\n";
/** One client with one account, for fixtures that need clients. */
export const FIXTURE_CLIENT = "clients:\n  - id: fabrikam\n    accounts:\n      - fabrikam-op01\n";

export function blueprintForCheck(text: string): { bp: Blueprint; src: YamlSourceMap } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length) throw new Error(`fixture YAML is broken: ${doc.errors[0]!.message}`);
  const bp = blueprintSchema.parse(doc.toJS());
  return { bp, src: createSourceMap("fixture.yaml", doc, lineCounter) };
}
