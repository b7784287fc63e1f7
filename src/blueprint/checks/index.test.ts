import { readdirSync, readFileSync } from "node:fs";
import { LineCounter, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { diagnosticCodes } from "../../diag/codes.ts";
import { ACKNOWLEDGEABLE } from "../schema/acknowledge.ts";
import { blueprintSchema } from "../schema/blueprint.ts";
import { devicesSchema } from "../schema/devices.ts";
import { createSourceMap } from "../source-map.ts";
import type { Blueprint } from "../types.ts";
import { checks, runChecks, runnableChecks, SECTION_NAMES, type SectionName } from "./index.ts";
import { defineCheck } from "./finding.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const dir = new URL("./", import.meta.url);
const NOT_CHECKS = new Set(["index", "finding", "test-support"]);
const checkFiles = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => f.replace(/\.ts$/, ""))
  .filter((f) => !NOT_CHECKS.has(f))
  .sort();

/** Every blueprint fixture and example that passes the schema: together they trigger every check. */
function schemaValidBlueprints() {
  const fixtures = new URL("../../../test/fixtures/blueprints/", import.meta.url);
  const examples = new URL("../../../examples/", import.meta.url);
  const files = [
    ...readdirSync(fixtures).map((f) => new URL(f, fixtures)),
    ...readdirSync(examples).map((f) => new URL(f, examples)),
  ];
  return files.flatMap((url) => {
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(url, "utf8"), { lineCounter });
    if (doc.errors.length) return [];
    const parsed = blueprintSchema.safeParse(doc.toJS());
    return parsed.success ? [{ name: url.pathname.split("/").pop()!, bp: parsed.data, src: createSourceMap("f.yaml", doc, lineCounter) }] : [];
  });
}

/** A stand-in for an undeclared section (or subsection) that throws when a check reads it. */
const undeclared = (name: string) =>
  new Proxy(
    {},
    {
      get: (_, key) => {
        throw new Error(`read ${name}.${String(key)} without declaring ${name}`);
      },
    },
  );

/**
 * `bp` with every section not in `keep` replaced by a value that throws when a check reads it; `devices`
 * is guarded subsection by subsection, so reading `devices.kiosk` needs `devices.kiosk` in `keep`.
 */
function onlySections(bp: Blueprint, keep: readonly SectionName[]): Blueprint {
  const guarded: Record<string, unknown> = { ...bp };
  for (const section of SECTION_NAMES) {
    if (!section.startsWith("devices.") && !keep.includes(section)) guarded[section] = undeclared(section);
  }
  guarded.devices = new Proxy(bp.devices, {
    get: (devices, key) => {
      const name = `devices.${String(key)}`;
      if (keep.some((section) => section === name)) return devices[key as keyof typeof devices];
      throw new Error(`read ${name} without declaring it`);
    },
  });
  return guarded as unknown as Blueprint;
}

describe("check registry", () => {
  it("lists every check file exactly once, sorted by id", () => {
    expect(Object.keys(checks)).toEqual(checkFiles);
  });

  it("every check has a test beside it", () => {
    const files = new Set(readdirSync(dir));
    expect(checkFiles.filter((id) => !files.has(`${id}.test.ts`))).toEqual([]);
  });

  it("each check declares exactly the codes its source emits, all registered in diag/codes", () => {
    for (const id of checkFiles) {
      const source = readFileSync(new URL(`${id}.ts`, dir), "utf8");
      const used = [...new Set([...source.matchAll(/"(HF\d{4})"/g)].map((m) => m[1]!))].sort();
      expect([...checks[id]!.codes].sort(), id).toEqual(used);
      expect(used.filter((code) => !diagnosticCodes[code]), id).toEqual([]);
    }
    const declared = Object.values(checks).flatMap((c) => c.codes);
    expect(Object.values(ACKNOWLEDGEABLE).filter((code) => !declared.includes(code))).toEqual([]);
  });

  it("each check reads only the sections it declares (the others throw when read)", () => {
    const blueprints = schemaValidBlueprints();
    expect(blueprints.length).toBeGreaterThan(30);
    const fired = new Set<string>();
    for (const { name, bp, src } of blueprints) {
      for (const [id, check] of Object.entries(checks)) {
        const found = (() => {
          try {
            return check(onlySections(bp, check.sections), src);
          } catch (err) {
            throw new Error(`${id} on ${name}: ${(err as Error).message}`);
          }
        })();
        if (found.length) fired.add(id);
      }
    }
    // The guard is only as good as the blueprints: every check must have found something in one of them.
    expect(checkFiles.filter((id) => !fired.has(id))).toEqual([]);
  });

  it("each devices subsection a check declares is one it reads (no declaration broader than needed)", () => {
    // An over-broad declaration would skip the check when an unrelated subsection has an error.
    const blueprints = schemaValidBlueprints();
    for (const [id, check] of Object.entries(checks)) {
      for (const section of check.sections.filter((s) => s.startsWith("devices."))) {
        const fewer = check.sections.filter((s) => s !== section);
        const reads = blueprints.some(({ bp, src }) => {
          try {
            check(onlySections(bp, fewer), src);
            return false;
          } catch {
            return true;
          }
        });
        expect(reads, `${id} declares ${section}`).toBe(true);
      }
    }
  });

  it("the guard catches a check that reads a devices subsection it did not declare", () => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}devices:\n  usb: on\n${FIXTURE_CLIENT}`);
    // Declares devices.usb but also reads the kiosk: a declaration one subsection short.
    const misdeclared = defineCheck(["devices.usb"], [], (b) => (b.devices.usb === "on" && b.devices.kiosk.enabled ? [] : []));
    expect(() => misdeclared(onlySections(bp, misdeclared.sections), src)).toThrow("read devices.kiosk without declaring it");
    const declared = defineCheck(["devices.usb", "devices.kiosk"], [], (b) => (b.devices.usb === "on" && b.devices.kiosk.enabled ? [] : []));
    expect(declared(onlySections(bp, declared.sections), src)).toEqual([]);
    // …and one that reads a whole section it did not declare.
    const readsClients = defineCheck(["devices.usb"], [], (b) => (b.clients.length > 0 ? [] : []));
    expect(() => readsClients(onlySections(bp, readsClients.sections), src)).toThrow("read clients.length without declaring clients");
  });

  it("every finding says what is wrong, why it matters and what to do, at a place in the file", () => {
    for (const { name, bp, src } of schemaValidBlueprints()) {
      for (const d of runChecks(bp, src)) {
        const label = `${name} ${d.code}`;
        expect(d.message.length, label).toBeGreaterThan(15);
        expect(d.why?.length ?? 0, label).toBeGreaterThan(15);
        expect(d.fix?.length ?? 0, label).toBeGreaterThan(15);
        expect(d.source?.start.line, label).toBeGreaterThan(0);
        expect(d.path?.length ?? 0, label).toBeGreaterThan(0);
      }
    }
  });
});

describe("runChecks", () => {
  it("acknowledged findings are dropped; other findings stay", () => {
    const text = `${FIXTURE_HEAD}devices:\n  usb: on\n  developerMode: true\n${FIXTURE_CLIENT}acknowledge: [usb-on]\n`;
    const { bp, src } = blueprintForCheck(text);
    expect(runChecks(bp, src).map((d) => d.code)).toEqual(["HF2022"]);
  });

  it("an acknowledgement that silences nothing → HF2028 at its entry", () => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}${FIXTURE_CLIENT}acknowledge: [developer-mode]\n`);
    expect(runChecks(bp, src).map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      ["HF2028", "warning", 10, 15],
    ]);
  });

  it("the secure defaults pass every check", () => {
    const { bp, src } = blueprintForCheck(FIXTURE_HEAD + FIXTURE_CLIENT);
    expect(runChecks(bp, src)).toEqual([]);
  });

  it("a missing section skips exactly the checks that read it", () => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}  model: service-tenant\ndevices:\n  usb: on\nexperts:\n  access: guests\n  addresses: [ada@contoso.com]\n${FIXTURE_CLIENT}passwords:\n  policy: extended\n`);
    const { devices: _devices, ...withoutDevices } = bp;
    expect(runChecks(bp, src).map((d) => d.code).sort()).toEqual(["HF2005", "HF2021"]);
    expect(runChecks(withoutDevices, src).map((d) => d.code)).toEqual(["HF2005"]);
    const skipped = Object.values(checks).filter((c) => !runnableChecks(withoutDevices).includes(c));
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((c) => c.sections.some((s) => s.startsWith("devices.")))).toBe(true);
    expect(runnableChecks({})).toEqual([]);
  });

  it("a missing devices subsection skips exactly the checks that read it; the other devices checks run", () => {
    const text = `${FIXTURE_HEAD}devices:\n  usb: on\n  developerMode: true\n  kiosk:\n    apps: [remote-assist, setings]\n${FIXTURE_CLIENT}`;
    const { bp, src } = blueprintForCheck(text);
    expect(runChecks(bp, src).map((d) => d.code).sort()).toEqual(["HF2011", "HF2021", "HF2022"]);
    const { usb: _usb, ...withoutUsb } = bp.devices;
    expect(runChecks({ ...bp, devices: withoutUsb }, src).map((d) => d.code).sort()).toEqual(["HF2011", "HF2022"]);
    const { kiosk: _kiosk, ...withoutKiosk } = bp.devices;
    const partial = { ...bp, devices: withoutKiosk };
    expect(runChecks(partial, src).map((d) => d.code).sort()).toEqual(["HF2021", "HF2022"]);
    const skipped = Object.values(checks).filter((c) => !runnableChecks(partial).includes(c));
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((c) => c.sections.includes("devices.kiosk"))).toBe(true);
    expect(runnableChecks(partial)).toContain(checks["usb-on"]);
  });

  it("SECTION_NAMES holds every top-level section but devices, and every devices subsection of the schema", () => {
    expect(SECTION_NAMES.filter((s) => !s.startsWith("devices."))).toEqual([
      "metadata",
      "tenant",
      "licensing",
      "isolation",
      "experts",
      "clients",
      "passwords",
    ]);
    expect(SECTION_NAMES.filter((s) => s.startsWith("devices.")).map((s) => s.slice(8))).toEqual(Object.keys(devicesSchema.shape));
    expect(Object.keys(devicesSchema.shape)).toHaveLength(12);
  });

  it("an acknowledgement whose check was skipped is not reported as unused", () => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}devices:\n  usb: on\n${FIXTURE_CLIENT}acknowledge: [usb-on]\n`);
    const { devices: _devices, ...withoutDevices } = bp;
    expect(runChecks(withoutDevices, src)).toEqual([]);
  });

  it("recovered acknowledgements (acknowledgeValid false) still silence findings but are never reported unused", () => {
    const { bp, src } = blueprintForCheck(`${FIXTURE_HEAD}devices:\n  usb: on\n${FIXTURE_CLIENT}acknowledge: [usb-on, developer-mode]\n`);
    expect(runChecks(bp, src).map((d) => d.code)).toEqual(["HF2028"]);
    expect(runChecks(bp, src, { acknowledgeValid: false })).toEqual([]);
  });
});
