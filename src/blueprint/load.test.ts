import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnosticCodes } from "../diag/codes.ts";
import { compareBuilds, latestKnownBuild, osReleases } from "../catalog/index.ts";
import { compile } from "../compile/compile.ts";
import { OLDEST_SUPPORTED_BUILD } from "./schema/devices/os-baseline.ts";
import { checks, type SectionName } from "./checks/index.ts";
import { loadBlueprint, loadBlueprintFile, MAX_BLUEPRINT_BYTES } from "./load.ts";

const fixture = (name: string) => new URL(`../../test/fixtures/blueprints/${name}.yaml`, import.meta.url);
const example = (name: string) => new URL(`../../examples/${name}.holofleet.yaml`, import.meta.url);

function load(name: string) {
  return loadBlueprint(readFileSync(fixture(name), "utf8"), `${name}.yaml`);
}

/** Malformed blueprints: [fixture, code, line, col]. Each must be invalid with that diagnostic there. */
const invalid: [string, string, number, number][] = [
  // YAML syntax and structure
  ["syntax-unclosed-flow", "HF1001", 9, 1],
  ["syntax-tab-indent", "HF1003", 7, 1],
  ["syntax-duplicate-key", "HF1002", 10, 1],
  ["syntax-duplicate-nested-key", "HF1002", 9, 3],
  ["syntax-bad-indent", "HF1001", 7, 8],
  ["syntax-unclosed-quote", "HF1001", 12, 1],
  ["syntax-multiple-documents", "HF1005", 10, 1],
  ["empty", "HF1004", 1, 1],
  ["not-a-mapping", "HF1004", 1, 1],
  // Schema
  ["wrong-api-version", "HF1013", 1, 13],
  ["missing-tenant-domain", "HF1011", 4, 1],
  ["missing-tenant", "HF1011", 1, 1],
  ["unknown-key-top", "HF1010", 10, 1],
  ["unknown-key-tenant", "HF1010", 6, 3],
  ["unknown-key-kiosk", "HF1010", 8, 5],
  ["unknown-key-account", "HF1010", 10, 9],
  ["unknown-key-update-ring", "HF1010", 8, 5],
  ["wrong-type-boolean", "HF1012", 7, 18],
  ["wrong-type-list", "HF1012", 8, 11],
  ["wrong-type-mapping", "HF1012", 6, 1],
  ["wrong-type-number", "HF1012", 7, 15],
  ["wrong-type-account", "HF1012", 9, 9],
  ["bad-enum-usb", "HF1013", 7, 8],
  ["bad-enum-model", "HF1013", 6, 10],
  ["bad-enum-password-policy", "HF1013", 11, 11],
  ["bad-enum-calling-app", "HF1013", 8, 17],
  ["bad-acknowledgement", "HF1013", 10, 15],
  ["out-of-range-deferral", "HF1014", 8, 26],
  ["out-of-range-install-time", "HF1014", 8, 18],
  ["out-of-range-active-hours", "HF1014", 9, 21],
  ["empty-accounts", "HF1014", 8, 5],
  ["bad-guid-profile", "HF1015", 8, 16],
  ["bad-guid-tenant", "HF1015", 6, 7],
  ["bad-upn", "HF1015", 9, 14],
  ["bad-domain", "HF1015", 5, 11],
  ["bad-client-id", "HF1015", 7, 9],
  ["bad-os-release", "HF1016", 7, 15],
  ["duplicate-list-entry", "HF1017", 8, 37],
  ["name-line-break", "HF1018", 8, 18],
  ["bad-upn-character", "HF1015", 9, 14],
  // Semantic contradictions
  ["kiosk-app-blocked", "HF2001", 8, 37],
  ["calling-app-blocked", "HF2002", 8, 24],
  ["calling-app-not-in-kiosk", "HF2025", 8, 5],
  ["browser-allowed", "HF2003", 8, 19],
  ["browser-app-control-off", "HF2003", 8, 14],
  ["password-expires-during-loan", "HF2004", 8, 15],
  ["password-extended-too-short", "HF2005", 12, 15],
  ["unknown-settings-page", "HF2008", 8, 27],
  ["os-baseline-too-old", "HF2010", 7, 15],
  ["captive-portal-too-old", "HF2010", 9, 31],
  ["unknown-app", "HF2011", 8, 12],
  ["unknown-sku", "HF2012", 7, 35],
  ["unknown-service-plan", "HF2013", 7, 49],
  ["auto-launch-not-in-kiosk", "HF2014", 8, 17],
  ["kiosk-app-not-allowed", "HF2015", 8, 37],
  ["deny-not-allowed", "HF2016", 10, 24],
  ["duplicate-client-id", "HF2017", 10, 9],
  ["duplicate-upn", "HF2018", 12, 14],
  ["upn-outside-domain", "HF2019", 9, 9],
  ["company-resource-plans", "HF2020", 8, 25],
  ["device-shared-across-clients", "HF2023", 14, 19],
  ["group-name-too-long", "HF2030", 8, 18],
  ["calling-app-capability-denied", "HF2051", 8, 26],
  ["wifi-off", "HF2052", 8, 16],
  ["scoped-search-needs-mailbox", "HF2050", 7, 9],
  ["tenant-lockdown-without-autopilot", "HF2060", 8, 14],
  ["guides-without-licence", "HF2061", 8, 17],
  ["service-plan-in-both-lists", "HF2063", 8, 25],
  ["extended-password-shared-domain", "HF2065", 11, 11],
  ["extended-password-account-domain", "HF2066", 11, 9],
  ["upn-outside-client-domain", "HF2019", 11, 9],
  // Retired keys
  ["retired-licensing-assignment", "HF1030", 7, 3],
];

/** Valid blueprints that carry a warning: [fixture, code, line, col]. */
const warnings: [string, string, number, number][] = [
  ["warn-usb-on", "HF2021", 7, 8],
  ["warn-developer-mode", "HF2022", 7, 18],
  ["warn-information-barriers", "HF2006", 7, 9],
  ["warn-settings-not-network", "HF2007", 8, 27],
  ["warn-settings-deprecated", "HF2009", 8, 27],
  ["warn-rotate-on-return-long-loan", "HF2024", 8, 15],
  ["warn-teams-disabled", "HF2027", 7, 39],
  ["warn-unused-acknowledgement", "HF2028", 10, 15],
  ["warn-wifi-blocked", "HF2029", 8, 35],
  ["warn-browser-listed-but-allowed", "HF2026", 9, 24],
  ["warn-update-ring-schedule-ignored", "HF2031", 8, 17],
  ["warn-storage-card-blocks-provisioning", "HF2053", 9, 23],
  ["warn-service-plan-no-effect", "HF2062", 7, 26],
  ["warn-sku-without-needed-plan", "HF2064", 7, 58],
  ["warn-retired-licensing-assignment", "HF1030", 7, 3],
];

describe("loadBlueprint: malformed blueprints", () => {
  it.each(invalid)("%s → %s at %i:%i", (name, code, line, col) => {
    const result = load(name);
    expect(result.blueprint).toBeNull();
    const hit = result.diagnostics.find((d) => d.code === code);
    expect(hit, JSON.stringify(result.diagnostics, null, 1)).toBeDefined();
    expect(hit!.severity).toBe("error");
    expect(hit!.source).toMatchObject({ file: `${name}.yaml`, start: { line, col } });
    // Every diagnostic is registered, located and says something useful.
    for (const d of result.diagnostics) {
      expect(diagnosticCodes[d.code], d.code).toBeDefined();
      expect(d.source?.start.line).toBeGreaterThan(0);
      expect(d.message.length).toBeGreaterThan(10);
    }
  });
});

describe("loadBlueprint: warnings keep a blueprint valid", () => {
  it.each(warnings)("%s → warning %s at %i:%i", (name, code, line, col) => {
    const result = load(name);
    expect(result.blueprint).not.toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([
      [code, "warning", line, col],
    ]);
  });
});

describe("loadBlueprint", () => {
  it("collects every schema problem in one pass", () => {
    const text = [
      "apiVersion: holofleet/v1",
      "metadata:",
      "  name: many-problems",
      "tenant:",
      "  domain: contoso.onmicrosoft.com",
      "  modle: same-tenant",
      "devices:",
      "  usb: disabled",
      "  developerMode: 1",
      "  kiosk:",
      "    profileId: nope",
      "passwords:",
      "  length: 4",
    ].join("\n");
    const result = loadBlueprint(text, "many.yaml");
    expect(result.diagnostics.map((d) => `${d.source?.start.line}:${d.source?.start.col} ${d.code}`)).toEqual([
      "6:3 HF1010",
      "8:8 HF1013",
      "9:18 HF1012",
      "11:16 HF1015",
      "13:11 HF1014",
    ]);
  });

  it("reports a duplicate key and the schema problems of the same file together", () => {
    const text = "apiVersion: holofleet/v1\nmetadata:\n  name: x\n  name: y\ntenant:\n  domain: contoso.onmicrosoft.com\ndevices:\n  usb: maybe\n";
    const codes = loadBlueprint(text, "dup.yaml").diagnostics.map((d) => d.code);
    expect(codes).toEqual(["HF1002", "HF1013"]);
  });

  it("unknown-key message names the allowed keys and the likely one", () => {
    const d = load("unknown-key-kiosk").diagnostics[0]!;
    expect(d.message).toContain('Did you mean "autoLaunch"?');
    expect(d.fix).toContain("callingApp");
  });

  it("keeps the text of numeric-looking builds and serials (no float or leading-zero loss)", () => {
    const { blueprint, diagnostics } = load("ok-numeric-serials-and-build");
    expect(diagnostics).toEqual([]);
    expect(blueprint!.devices.osBaseline).toEqual({ build: "22621.1120", requested: "22621.1120" });
    expect(blueprint!.clients[0]!.accounts[0]!.devices).toEqual(["00421", "00422"]);
  });

  it("acknowledged browser risk → valid without HF2003", () => {
    const { blueprint, diagnostics } = load("ok-browser-acknowledged");
    expect(blueprint).not.toBeNull();
    expect(diagnostics).toEqual([]);
    expect(blueprint!.devices.appControl.blockApps).not.toContain("edge");
  });

  it("accepts `10.0.`-prefixed builds and release names", () => {
    const base = "apiVersion: holofleet/v1\nmetadata:\n  name: b\ntenant:\n  domain: contoso.onmicrosoft.com\ndevices:\n  osBaseline: ";
    expect(loadBlueprint(base + "10.0.22621.1244\n", "b.yaml").blueprint?.devices.osBaseline.build).toBe("22621.1244");
    expect(loadBlueprint(base + "23h2\n", "b.yaml").blueprint?.devices.osBaseline).toEqual({
      build: "22621.1244",
      requested: "23h2",
    });
  });

  it("a missing file is HF9001, not a throw", async () => {
    const result = await loadBlueprintFile("does-not-exist.holofleet.yaml");
    expect(result.blueprint).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toEqual(["HF9001"]);
  });
});

describe("examples", () => {
  it.each(["minimal", "same-tenant-three-clients", "service-tenant"])("%s validates with no diagnostics", async (name) => {
    const result = await loadBlueprintFile(example(name).pathname);
    expect(result.diagnostics).toEqual([]);
    expect(result.blueprint).not.toBeNull();
  });

  it("loading twice gives the same blueprint (stable GUIDs, no clock)", () => {
    const text = readFileSync(example("same-tenant-three-clients"), "utf8");
    expect(JSON.stringify(loadBlueprint(text, "a").blueprint)).toBe(JSON.stringify(loadBlueprint(text, "a").blueprint));
  });
});

describe("secure by default", () => {
  it("the minimal example normalizes to the guide's full recommended posture", async () => {
    const { blueprint: bp } = await loadBlueprintFile(example("minimal").pathname);
    expect(bp).not.toBeNull();
    const d = bp!.devices;
    expect(d.osBaseline).toEqual({ build: latestKnownBuild(), requested: "latest-known" }); // §GR-1
    // §GR-2, §CC-company-resources: the guide's three licences, nothing kept on beyond the allow-list.
    expect(bp!.licensing).toEqual({ skus: ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM"], enabledServicePlans: [], disabledServicePlans: [] });
    expect(bp!.tenant.clientDomain).toBeNull();
    expect(d.autopilot).toMatchObject({ enabled: true, groupTag: "HF-HOLOLENS" }); // §GR-3
    expect(d.tenantLockdown).toBe(true); // §GR-4
    expect(d.kiosk).toMatchObject({
      enabled: true,
      mode: "global",
      callingApp: "remote-assist",
      apps: ["remote-assist", "settings"],
      autoLaunch: "remote-assist",
      exclusions: [],
    }); // §GR-5
    expect(d.kiosk.profileId).toMatch(/^\{[0-9A-F-]{36}\}$/);
    expect(d.developerMode).toBe(false); // §GR-6.1
    expect(d.usb).toBe("off"); // §GR-6.2
    expect(d.appControl).toMatchObject({ enabled: true, blockBrowser: true }); // §GR-7, §CC-chat-history
    expect(d.appControl.blockApps).toEqual(expect.arrayContaining(["edge", "edge-legacy", "store", "mail", "calendar", "onedrive"]));
    expect(d.appControl.policyId).toMatch(/^\{[0-9A-F-]{36}\}$/);
    expect(d.appControl.policyId).not.toBe(d.kiosk.profileId);
    expect(d.storeAutoUpdate).toBe(true); // §GR-8
    expect(d.settingsPages.mode).toBe("showonly"); // §GR-9
    expect(d.settingsPages.pages.length).toBeGreaterThan(0);
    expect(d.settingsPages.pages.every((p) => p.startsWith("network-") || p === "wifi-provisioning")).toBe(true);
    expect(d.settingsPages.pages).not.toContain("network-proxy");
    expect(d.updateRing).toMatchObject({ enabled: true, allowPause: false }); // §GR-10
    expect(d.restrictions).toMatchObject({
      allowManualMdmUnenrollment: false,
      allowMicrosoftAccount: false,
      allowManualWifiConfiguration: true,
      allowRemoveProvisioningPackage: false,
    }); // §GR-11
    expect(bp!.isolation.mode).toBe("baseline"); // §CC-isolation: "clients can search for, but can't communicate with each other"
    expect(bp!.passwords).toEqual({ policy: "rotate-on-return", maxAgeDays: 90, length: 16 }); // §CC-passwords
    expect(bp!.clients[0]!.accounts[0]!.userPrincipalName).toBe("fabrikam-op01@contoso.onmicrosoft.com");
    expect(bp!.clients[0]!.usageLocation).toBe(bp!.tenant.usageLocation);
  });
});

describe("loadBlueprint: robustness", () => {
  it("every truncation of a real blueprint → diagnostics or a blueprint, never a throw", () => {
    const text = readFileSync(example("same-tenant-three-clients"), "utf8");
    for (let end = 0; end < text.length; end += 11) {
      const result = loadBlueprint(text.slice(0, end), "cut.yaml");
      if (result.blueprint === null) expect(result.diagnostics.some((d) => d.severity === "error")).toBe(true);
      for (const d of result.diagnostics) {
        expect(diagnosticCodes[d.code], d.code).toBeDefined();
        expect(d.source?.start.line).toBeGreaterThan(0);
      }
    }
  });

  it("every example with one line removed, doubled or its value swapped → located, registered, unrepeated diagnostics", () => {
    const swaps = ["", "[]", "{}", "null", "true", "-1", '"x\\ny"', "holofleet"];
    for (const name of ["minimal", "same-tenant-three-clients", "service-tenant"]) {
      const lines = readFileSync(example(name), "utf8").split("\n");
      const variants = lines.flatMap((line, i) => {
        const before = lines.slice(0, i);
        const after = lines.slice(i + 1);
        const value = /^(\s*(?:- )?[A-Za-z]+:\s*).+$/.exec(line);
        return [
          [...before, ...after],
          [...before, line, line, ...after],
          ...(value ? swaps.map((swap) => [...before, `${value[1]}${swap}`, ...after]) : []),
        ];
      });
      for (const variant of variants) {
        const text = variant.join("\n");
        const result = loadBlueprint(text, "v.yaml");
        if (result.blueprint === null) expect(result.diagnostics.some((d) => d.severity === "error"), text).toBe(true);
        const keys = result.diagnostics.map((d) => JSON.stringify([d.source?.start, d.code, d.message]));
        expect(new Set(keys).size, text).toBe(keys.length);
        for (const d of result.diagnostics) {
          expect(diagnosticCodes[d.code], d.code).toBeDefined();
          expect(d.source?.start.line, text).toBeGreaterThan(0);
        }
      }
    }
  });

  it("alias expansion bomb → HF1001, no throw", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++) lines.push(`${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${i === 0 ? "a" : "bcdefghi"[i - 1]}`).join(", ")}]`);
    const result = loadBlueprint(lines.join("\n"), "bomb.yaml");
    expect(result.blueprint).toBeNull();
    expect(result.diagnostics.map((d) => d.code)).toContain("HF1001");
  });
});

const HEAD = "apiVersion: holofleet/v1\nmetadata:\n  name: one-pass\n";
const TENANT = "tenant:\n  domain: contoso.onmicrosoft.com\n";
const CLIENT = "clients:\n  - id: fabrikam\n    accounts:\n      - fabrikam-op01\n";
const at = (result: ReturnType<typeof loadBlueprint>) =>
  result.diagnostics.map((d) => `${d.source?.start.line}:${d.source?.start.col} ${d.code}`);

describe("loadBlueprint: every problem in one pass", () => {
  it("an unknown key in tenant and an unknown app in the kiosk are both reported", () => {
    const text = `${HEAD}tenant:\n  domain: contoso.onmicrosoft.com\n  modle: same-tenant\ndevices:\n  kiosk:\n    apps: [remote-assist, setings]\n${CLIENT}`;
    const result = loadBlueprint(text, "both.yaml");
    expect(result.blueprint).toBeNull();
    expect(at(result)).toEqual(["6:3 HF1010", "9:27 HF2011"]);
    expect(result.diagnostics[1]!.message).toContain('Did you mean "settings"?');
  });

  it("schema errors in one section and semantic errors in others, together", () => {
    const text = [
      HEAD + TENANT,
      "licensing:\n  skus: [INTUNE_A, MICROSOFT_REMOTE_ASIST]\n",
      "devices:\n  usb: maybe\n",
      "passwords:\n  policy: extended\n",
      "clients:\n  - id: fabrikam\n    accounts: [op01, op01]\n",
    ].join("");
    expect(at(loadBlueprint(text, "mixed.yaml"))).toEqual(["7:20 HF2012", "9:8 HF1013", "11:11 HF2005", "11:11 HF2065", "14:22 HF2018"]);
  });

  it("a devices subsection with an error skips only the checks that read it", () => {
    // devices.usb fails, yet the kiosk's unknown app is checked; so are licensing and passwords.
    const text = `${HEAD}${TENANT}devices:\n  usb: maybe\n  kiosk:\n    apps: [remote-assist, setings]\nlicensing:\n  skus: [INTUNE_AA]\n${CLIENT}`;
    expect(at(loadBlueprint(text, "skip.yaml"))).toEqual(["7:8 HF1013", "9:27 HF2011", "11:10 HF2012"]);
    // The kiosk itself fails: its unknown app waits for the fix, usb (on) is still checked.
    const kiosk = `${HEAD}${TENANT}devices:\n  usb: on\n  kiosk:\n    apps: [remote-assist, setings]\n    mode: local\n${CLIENT}`;
    expect(at(loadBlueprint(kiosk, "kiosk.yaml"))).toEqual(["7:8 HF2021", "10:11 HF1013"]);
  });

  it("a top-level section with an error skips only the checks that read it", () => {
    const text = `${HEAD}${TENANT}devices:\n  usb: on\nlicensing:\n  skus: INTUNE_A\npasswords:\n  policy: extended\n${CLIENT}`;
    expect(at(loadBlueprint(text, "skip.yaml"))).toEqual(["7:8 HF2021", "9:9 HF1012", "11:11 HF2005", "11:11 HF2065"]);
  });

  it("a section with a duplicate key is reported but not checked; other sections are", () => {
    const text = `${HEAD}${TENANT}devices:\n  usb: on\n  usb: off\nlicensing:\n  skus: [INTUNE_AA]\n${CLIENT}`;
    expect(at(loadBlueprint(text, "dup.yaml"))).toEqual(["8:3 HF1002", "10:10 HF2012"]);
    const passwords = `${HEAD}${TENANT}devices:\n  usb: on\npasswords:\n  policy: extended\n  policy: extended\n${CLIENT}`;
    expect(at(loadBlueprint(passwords, "dup.yaml"))).toEqual(["7:8 HF2021", "10:3 HF1002"]);
  });

  it("a duplicate key inside a devices subsection leaves only that subsection unchecked", () => {
    const nested = `${HEAD}${TENANT}devices:\n  developerMode: true\n  kiosk:\n    apps: [setings]\n    apps: [nope]\n${CLIENT}`;
    const result = loadBlueprint(nested, "dup.yaml");
    expect(at(result)).toEqual(["7:18 HF2022", "10:5 HF1002"]);
    expect(result.blueprint).toBeNull();
    // The subsection key itself twice: that subsection waits, the others are checked.
    const twice = `${HEAD}${TENANT}devices:\n  usb: on\n  kiosk:\n    apps: [setings]\n  kiosk:\n    apps: [nope]\n${CLIENT}`;
    expect(at(loadBlueprint(twice, "dup.yaml"))).toEqual(["7:8 HF2021", "10:3 HF1002"]);
    // `devices` twice at the top: the whole section waits.
    const whole = `${HEAD}${TENANT}devices:\n  usb: on\ndevices:\n  developerMode: true\n${CLIENT}`;
    expect(at(loadBlueprint(whole, "dup.yaml"))).toEqual(["8:1 HF1002"]);
  });

  it("devices and clients take their defaults from valid tenant keys even when another tenant key is wrong", () => {
    const text = `${HEAD}tenant:\n  domain: contoso.onmicrosoft.com\n  model: one-tenant\n${CLIENT}  - id: fabrikam\n    accounts: [fabrikam-op01]\n`;
    // tenant.model is wrong, yet the accounts still expand with tenant.domain and are compared (HF2017, HF2018).
    expect(at(loadBlueprint(text, "tenant.yaml"))).toEqual(["6:10 HF1013", "11:9 HF2017", "12:16 HF2018"]);
  });

  it("without a usable tenant.domain, the checks of clients, the kiosk and app control wait (their defaults derive from it)", () => {
    const text = `${HEAD}tenant:\n  domain: not a domain\ndevices:\n  usb: on\n  kiosk:\n    apps: [setings]\npasswords:\n  policy: extended\n${CLIENT}`;
    // devices.usb derives nothing from the tenant, so HF2021 is reported; the kiosk's HF2011 waits.
    expect(at(loadBlueprint(text, "nodomain.yaml"))).toEqual(["5:11 HF1015", "7:8 HF2021", "11:11 HF2005"]);
  });

  it("an acknowledge list with an unknown id still applies its known ids, and reports no unused one", () => {
    const text = `${HEAD}${TENANT}devices:\n  appControl:\n    blockBrowser: false\n${CLIENT}acknowledge: [browser-allowed, usb-onn, developer-mode]\n`;
    const result = loadBlueprint(text, "ack.yaml");
    expect(at(result)).toEqual(["13:32 HF1013"]);
    expect(result.diagnostics[0]!.message).toContain('Did you mean "usb-on"?');
  });

  it("a wrong apiVersion does not stop the checks", () => {
    const text = `apiVersion: holofleet/v2\nmetadata:\n  name: x\n${TENANT}devices:\n  usb: on\n${CLIENT}`;
    expect(at(loadBlueprint(text, "v2.yaml"))).toEqual(["1:13 HF1013", "7:8 HF2021"]);
  });

  it("is deterministic and never repeats a diagnostic", () => {
    const text = [
      HEAD + "tenant:\n  domain: contoso.onmicrosoft.com\n  bogus: 1\n  other: 2\n",
      "devices:\n  kiosk:\n    apps: [nope, nada, settings]\n    autoLaunch: nope\n  appControl:\n    blockApps: [nope]\n",
      "licensing:\n  skus: [X1, X2]\n  disabledServicePlans: [Y1]\n",
      "clients:\n  - id: a\n    accounts: [a1, a1]\n  - id: a\n    accounts: [b1]\n",
    ].join("");
    const first = loadBlueprint(text, "many.yaml").diagnostics;
    expect(loadBlueprint(text, "many.yaml").diagnostics).toEqual(first);
    const keys = first.map((d) => JSON.stringify([d.source?.start, d.code, d.message]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(first.length).toBeGreaterThanOrEqual(10);
    const positions = first.map((d) => d.source!.start.line * 1000 + d.source!.start.col);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("the section-by-section result equals the whole-schema result for every example", async () => {
    const { blueprintSchema } = await import("./schema/blueprint.ts");
    const { parseDocument } = await import("yaml");
    for (const name of ["minimal", "same-tenant-three-clients", "service-tenant"]) {
      const text = readFileSync(example(name), "utf8");
      expect(loadBlueprint(text, name).blueprint, name).toEqual(blueprintSchema.parse(parseDocument(text).toJS()));
    }
  });
});

describe("loadBlueprint: devices subsection by subsection", () => {
  const full = (name: string) =>
    load(name).diagnostics.map((d) => `${d.source?.start.line}:${d.source?.start.col} ${d.code} ${d.severity}`);

  it("errors in different devices subsections (schema and semantic) are all reported in one pass", () => {
    const result = load("devices-errors-in-two-subsections");
    expect(result.blueprint).toBeNull();
    // usb is not a mode (schema); the kiosk names an unknown app and app control leaves the browser open (checks).
    expect(full("devices-errors-in-two-subsections")).toEqual(["7:8 HF1013 error", "9:27 HF2011 error", "11:19 HF2003 error"]);
    expect(result.diagnostics[1]!.message).toContain('Did you mean "settings"?');
  });

  it("a check reading a failed subsection is skipped; checks of the other subsections run", () => {
    const result = load("devices-failed-subsection-skipped");
    expect(result.blueprint).toBeNull();
    // devices.kiosk fails (showTaskbar), so its unknown app `setings` is not reported yet; usb: on is.
    expect(full("devices-failed-subsection-skipped")).toEqual(["7:8 HF2021 warning", "10:18 HF1012 error"]);
    // With the schema error fixed, the skipped check runs and reports the app.
    const fixed = readFileSync(fixture("devices-failed-subsection-skipped"), "utf8").replace("showTaskbar: maybe", "showTaskbar: false");
    expect(at(loadBlueprint(fixed, "fixed.yaml"))).toEqual(["7:8 HF2021", "9:27 HF2011"]);
  });

  it("every devices subsection broken in turn: its checks wait, the others still run", () => {
    // A blueprint that triggers a finding from each check that reads one devices subsection only.
    const findings = [
      "  osBaseline: 2004\n",
      "  developerMode: true\n",
      "  usb: on\n",
      "  kiosk:\n    apps: [remote-assist, setings]\n",
      "  settingsPages:\n    mode: hide\n",
      "  updateRing:\n    installDay: monday\n",
      "  restrictions:\n    allowManualWifiConfiguration: false\n",
    ];
    const breaks: Record<string, [string, string]> = {
      developerMode: ["  developerMode: true\n", "  developerMode: yes-please\n"],
      usb: ["  usb: on\n", "  usb: sometimes\n"],
      kiosk: ["    apps: [remote-assist, setings]\n", "    apps: [remote-assist, setings]\n    mode: local\n"],
      settingsPages: ["    mode: hide\n", "    mode: hide\n    pages: nope\n"],
      updateRing: ["    installDay: monday\n", "    installDay: monday\n    enabled: 1\n"],
      restrictions: ["    allowManualWifiConfiguration: false\n", "    allowManualWifiConfiguration: false\n    allowVpn: 0\n"],
    };
    const base = `${HEAD}${TENANT}devices:\n${findings.join("")}${CLIENT}`;
    const codes = (text: string) => loadBlueprint(text, "b.yaml").diagnostics.map((d) => d.code);
    const all = codes(base);
    expect([...new Set(all)].sort()).toEqual(["HF2007", "HF2010", "HF2011", "HF2021", "HF2022", "HF2029", "HF2031"]);
    const ownCode: Record<string, string> = {
      developerMode: "HF2022",
      usb: "HF2021",
      kiosk: "HF2011",
      settingsPages: "HF2007",
      updateRing: "HF2031",
      restrictions: "HF2029",
    };
    for (const [sub, [from, to]] of Object.entries(breaks)) {
      const broken = codes(base.replace(from, to));
      expect(broken.filter((c) => c.startsWith("HF1")), sub).toHaveLength(1);
      // The broken subsection's own finding waits, and HF2010 when it reads that subsection…
      expect(broken, sub).not.toContain(ownCode[sub]);
      expect(broken.includes("HF2010"), sub).toBe(!checks["os-baseline-too-old"]!.sections.includes(`devices.${sub}` as SectionName));
      // …and every other subsection's finding is still there.
      const others = Object.entries(ownCode).filter(([other]) => other !== sub).map(([, code]) => code);
      expect(broken.filter((c) => others.includes(c)).sort(), sub).toEqual([...others].sort());
    }
  });
});

describe("defaults fit the OS baseline", () => {
  const minimal = readFileSync(example("minimal"), "utf8");
  const atBaseline = (baseline: string) => loadBlueprint(`${minimal}devices:\n  osBaseline: "${baseline}"\n`, "minimal.yaml");
  const supported = osReleases.filter((r) => compareBuilds(r.build, OLDEST_SUPPORTED_BUILD) >= 0);

  it("the oldest supported release is 20H2 (global assigned access, hololens-facts §3)", () => {
    expect(supported.find((r) => r.kind === "feature")?.name).toBe("20H2");
  });

  it.each(supported.filter((r) => r.kind === "feature").map((r) => [r.name, r.build]))(
    "the minimal blueprint at %s (%s) loads and compiles without an error",
    (name) => {
      const result = atBaseline(name);
      expect(result.diagnostics).toEqual([]);
      expect(result.blueprint).not.toBeNull();
      const compiled = compile(result.blueprint!);
      expect(compiled.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    },
  );

  it("…and at every monthly build of those releases", () => {
    for (const release of supported) {
      expect(atBaseline(release.build).diagnostics, release.name).toEqual([]);
    }
  });

  it("20H2 keeps network-proxy and leaves out network-airplanemode (21H1+); 21H1 the other way round", () => {
    expect(atBaseline("20H2").blueprint!.devices.settingsPages.pages).toEqual([
      "network-wifi",
      "network-wifisettings",
      "network-status",
      "wifi-provisioning",
      "network-vpn",
      "network-proxy",
    ]);
    expect(atBaseline("21H1").blueprint!.devices.settingsPages.pages).toEqual([
      "network-wifi",
      "network-wifisettings",
      "network-status",
      "wifi-provisioning",
      "network-vpn",
      "network-airplanemode",
    ]);
  });

  it("a page the file lists is still checked against the baseline (HF2010 at the page)", () => {
    const result = loadBlueprint(`${minimal}devices:\n  osBaseline: 20H2\n  settingsPages:\n    pages: [network-wifi, network-airplanemode]\n`, "m.yaml");
    expect(at(result)).toEqual(["18:27 HF2010"]);
  });

  it("a baseline older than 20H2 gets one error at devices.osBaseline naming every default that needs more", () => {
    const result = atBaseline("2004");
    expect(at(result)).toEqual(["16:15 HF2010"]);
    const [d] = result.diagnostics;
    expect(d!.message).toContain("global assigned access");
    expect(d!.message).toContain("6 features");
    expect(d!.fix).toContain("20H2 (19041.1128)");
  });
});

describe("loadBlueprint: large files", () => {
  const exampleText = () => readFileSync(example("same-tenant-three-clients"), "utf8");

  it("40,000 unknown keys in one section → each reported once at its own key (the loader is linear)", () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `  unknownKey${String(i).padStart(6, "0")}: value`);
    const text = exampleText().replace("\ntenant:\n", `\ntenant:\n${keys.join("\n")}\n`);
    const tenantLine = exampleText().split("\n").indexOf("tenant:") + 1;
    const result = loadBlueprint(text, "big.yaml");
    expect(result.blueprint).toBeNull();
    const unknown = result.diagnostics.filter((d) => d.code === "HF1010");
    expect(unknown).toHaveLength(40_000);
    expect(unknown[0]).toMatchObject({ source: { start: { line: tenantLine + 1, col: 3 } }, path: ["tenant", "unknownKey000000"] });
    expect(unknown[39_999]).toMatchObject({ source: { start: { line: tenantLine + 40_000, col: 3 } }, path: ["tenant", "unknownKey039999"] });
  }, 90_000);

  it("a list of 200,000 wrong values → every one reported, no stack overflow", () => {
    const text = exampleText().replace(/skus: \[[^\]]*\]/, `skus: [${Array.from({ length: 200_000 }, (_, i) => i).join(", ")}]`);
    const result = loadBlueprint(text, "skus.yaml");
    expect(result.blueprint).toBeNull();
    expect(result.diagnostics.filter((d) => d.path?.[0] === "licensing" && d.path[1] === "skus").length).toBeGreaterThanOrEqual(200_000);
  }, 90_000);

  it("a file over the size limit → HF9005 at 1:1 with its size, and the file is not read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "holofleet-large-"));
    try {
      const file = join(dir, "huge.yaml");
      writeFileSync(file, "apiVersion: holofleet/v1\n");
      truncateSync(file, MAX_BLUEPRINT_BYTES + 1); // sparse: no real disk use
      const result = await loadBlueprintFile(file);
      expect(result.blueprint).toBeNull();
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          code: "HF9005",
          severity: "error",
          source: { file, start: { line: 1, col: 1 } },
          message: `blueprint ${file} is ${MAX_BLUEPRINT_BYTES + 1} bytes, over the limit of 4 MiB (4194304 bytes)`,
        }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a file exactly at the limit is read (and judged on its content)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "holofleet-large-"));
    try {
      const file = join(dir, "at-limit.yaml");
      const text = exampleText();
      writeFileSync(file, text + "#".repeat(MAX_BLUEPRINT_BYTES - Buffer.byteLength(text)));
      const result = await loadBlueprintFile(file);
      expect(result.diagnostics).toEqual([]);
      expect(result.blueprint).not.toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("text over the limit given to loadBlueprint directly → the same HF9005", () => {
    const result = loadBlueprint("#".repeat(MAX_BLUEPRINT_BYTES) + "é", "pasted.yaml");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["HF9005"]);
  });
});
