import { LineCounter, parseDocument, type YAMLMap } from "yaml";
import { describe, expect, it } from "vitest";
import { createSourceMap } from "./source-map.ts";

const text = [
  "tenant:", //                     1
  "  domain: contoso.com", //       2
  "devices:", //                    3
  "  kiosk:", //                    4
  "    apps: [remote-assist, settings]", // 5
  "clients:", //                    6
  "  - id: fabrikam", //            7
  "    accounts:", //               8
  "      - fabrikam-op01", //       9
].join("\n");

function map() {
  const lineCounter = new LineCounter();
  return createSourceMap("f.yaml", parseDocument(text, { lineCounter }), lineCounter);
}

describe("createSourceMap", () => {
  it("scalar value → the value's position", () => {
    expect(map().locate(["tenant", "domain"])).toEqual({ line: 2, col: 11 });
    expect(map().locate(["devices", "kiosk", "apps", 1])).toEqual({ line: 5, col: 27 });
    expect(map().locate(["clients", 0, "accounts", 0])).toEqual({ line: 9, col: 9 });
  });

  it("collection value → its key; locateKey → always the key", () => {
    expect(map().locate(["devices", "kiosk"])).toEqual({ line: 4, col: 3 });
    expect(map().locateKey(["tenant", "domain"])).toEqual({ line: 2, col: 3 });
  });

  it("missing key → nearest present parent", () => {
    expect(map().locate(["devices", "kiosk", "autoLaunch"])).toEqual({ line: 4, col: 3 });
    expect(map().locate(["devices", "usb"])).toEqual({ line: 3, col: 1 });
    expect(map().locate(["clients", 0, "accounts", 0, "upn"])).toEqual({ line: 9, col: 9 });
    expect(map().locate(["passwords", "policy"])).toEqual({ line: 1, col: 1 });
    expect(map().locate(["clients", 5])).toEqual({ line: 6, col: 1 });
  });

  it("has → whether the path is written in the file", () => {
    expect(map().has(["devices", "kiosk", "apps", 0])).toBe(true);
    expect(map().has(["devices", "kiosk", "apps", 2])).toBe(false);
    expect(map().has(["devices", "usb"])).toBe(false);
  });

  it("empty document → 1:1", () => {
    const lineCounter = new LineCounter();
    const src = createSourceMap("e.yaml", parseDocument("", { lineCounter }), lineCounter);
    expect(src.locate(["tenant"])).toEqual({ line: 1, col: 1 });
  });
});

describe("createSourceMap: large mappings", () => {
  it("locating every key of a 2,000-key mapping reads each pair a bounded number of times (not once per lookup)", () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}`);
    const lineCounter = new LineCounter();
    const doc = parseDocument(`tenant:\n${keys.map((k) => `  ${k}: v`).join("\n")}\n`, { lineCounter });
    const tenant = doc.get("tenant", true) as YAMLMap;
    // Counts reads of the mapping's pairs: a search per lookup reads ~n²/2 of them, an index ~n.
    let reads = 0;
    tenant.items = new Proxy(tenant.items, {
      get(target, prop, receiver) {
        if (typeof prop === "string" && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const src = createSourceMap("f.yaml", doc, lineCounter);
    keys.forEach((k, i) => expect(src.locateKey(["tenant", k])).toEqual({ line: i + 2, col: 3 }));
    expect(reads).toBeLessThanOrEqual(2 * keys.length);
  });

  it("a key written twice → the first one, as before", () => {
    const lineCounter = new LineCounter();
    const doc = parseDocument("a: 1\nb: 2\na: 3\n", { lineCounter, uniqueKeys: false });
    expect(createSourceMap("f.yaml", doc, lineCounter).locate(["a"])).toEqual({ line: 1, col: 4 });
  });
});
