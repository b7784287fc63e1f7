import { describe, expect, it } from "vitest";
import { blueprintJsonSchema } from "./json-schema.ts";

type Node = { properties?: Record<string, Node>; description?: string; default?: unknown; required?: string[]; additionalProperties?: boolean; items?: Node; anyOf?: Node[]; enum?: unknown[] };

function walk(node: Node, path: string, visit: (node: Node, path: string) => void): void {
  visit(node, path);
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, path ? `${path}.${key}` : key, visit);
  if (node.items) walk(node.items, `${path}[]`, visit);
  for (const option of node.anyOf ?? []) walk(option, path, visit);
}

describe("blueprintJsonSchema", () => {
  const schema = blueprintJsonSchema() as Node;

  it("every key has a description; every object is closed (unknown keys are errors)", () => {
    const undocumented: string[] = [];
    const open: string[] = [];
    walk(schema, "", (node, path) => {
      if (node.properties) {
        if (node.additionalProperties !== false) open.push(path || "(root)");
        for (const [key, child] of Object.entries(node.properties)) {
          if (!child.description) undocumented.push(path ? `${path}.${key}` : key);
        }
      }
    });
    expect(undocumented).toEqual([]);
    expect(open).toEqual([]);
  });

  it("carries the secure defaults editors show", () => {
    const devices = schema.properties!.devices!.properties!;
    expect(devices.usb!.default).toBe("off");
    expect(devices.developerMode!.default).toBe(false);
    expect(devices.tenantLockdown!.default).toBe(true);
    expect(devices.appControl!.properties!.blockBrowser!.default).toBe(true);
    expect(devices.osBaseline!.default).toBe("latest-known");
    expect(schema.required).toEqual(expect.arrayContaining(["apiVersion", "metadata", "tenant"]));
  });

  it("is deterministic", () => {
    expect(JSON.stringify(blueprintJsonSchema())).toBe(JSON.stringify(blueprintJsonSchema()));
  });
});
