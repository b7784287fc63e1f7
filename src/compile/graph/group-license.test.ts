import { describe, expect, it } from "vitest";
import type { Blueprint } from "../../blueprint/types.ts";
import { findServicePlan } from "../../catalog/index.ts";
import { defaultCatalog } from "../catalog-port.ts";
import { secureBlueprint, type DeepPartial } from "../testing/blueprint-fixture.ts";
import { compileGroupLicense, type LicenseToAdd } from "./group-license.ts";

function license(skus: string[], more: DeepPartial<Blueprint> = {}) {
  return compileGroupLicense(secureBlueprint({ ...more, licensing: { skus, ...more.licensing } }), defaultCatalog);
}

const off = (result: ReturnType<typeof license>, sku: string) => result.licenses.find((l) => l.skuPartNumber === sku)!.disabledPlanNames;
const on = (result: ReturnType<typeof license>, sku: string) => result.licenses.find((l) => l.skuPartNumber === sku)!.enabledPlanNames;

describe("compileGroupLicense", () => {
  it("RA + Intune + Entra ID P1 (the guide's licences) → nothing to disable, every plan stays on", () => {
    const { licenses, diagnostics } = license(["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM"]);
    expect(diagnostics).toEqual([]);
    expect(licenses.map((l) => [l.skuPartNumber, l.disabledPlanNames])).toEqual([
      ["AAD_PREMIUM", []],
      ["INTUNE_A", []],
      ["MICROSOFT_REMOTE_ASSIST", []],
    ]);
    // Remote Assist calls run over Teams: TEAMS1 must stay on (hololens-facts §4).
    expect(on(license(["MICROSOFT_REMOTE_ASSIST"]), "MICROSOFT_REMOTE_ASSIST")).toContain("TEAMS1");
  });

  it("SPE_E3 → only Intune, Entra ID and Teams plans stay on; Loop, Whiteboard, To Do, Bookings, Power Apps, Power Automate, Bing Chat Enterprise are off", () => {
    const e3 = license(["MICROSOFT_REMOTE_ASSIST", "SPE_E3"]);
    expect(on(e3, "SPE_E3")).toEqual(["AAD_PREMIUM", "ADALLOM_S_DISCOVERY", "INTUNE_A", "MFA_PREMIUM", "TEAMS1"]);
    for (const plan of ["MICROSOFT_LOOP", "WHITEBOARD_PLAN2", "BPOS_S_TODO_2", "MICROSOFTBOOKINGS", "POWERAPPS_O365_P2", "FLOW_O365_P2", "Bing_Chat_Enterprise"]) {
      expect(off(e3, "SPE_E3"), plan).toContain(plan);
    }
    for (const plan of ["EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE", "SHAREPOINTWAC", "OFFICESUBSCRIPTION", "YAMMER_ENTERPRISE"]) {
      expect(off(e3, "SPE_E3")).toContain(plan);
    }
    const sku = defaultCatalog.findSku("SPE_E3")!;
    expect(off(e3, "SPE_E3").length + on(e3, "SPE_E3").length).toBe(sku.servicePlans.length);
  });

  it("a plan the catalog has never seen in a suite is off: disabledPlans is every plan not kept", () => {
    const withNewPlan = {
      ...defaultCatalog,
      findSku: (name: string) => {
        const sku = defaultCatalog.findSku(name);
        return sku && name === "SPE_E3" ? { ...sku, servicePlans: [...sku.servicePlans, { name: "BRAND_NEW_COPILOT", id: "00000000-0000-4000-8000-00000000c0de", friendlyName: "New" }] } : sku;
      },
    };
    const r = compileGroupLicense(secureBlueprint({ licensing: { skus: ["SPE_E3"] } }), withNewPlan);
    expect(r.licenses[0]!.disabledPlanNames).toContain("BRAND_NEW_COPILOT");
    const body = r.resources[0]!.body as { addLicenses: LicenseToAdd[] };
    expect(body.addLicenses[0]!.disabledPlans.catalog).toContain("00000000-0000-4000-8000-00000000c0de");
  });

  it("the allow-list follows the program: Guides plans stay on only when Guides is used, INFORMATION_BARRIERS only under information barriers", () => {
    const guides: DeepPartial<Blueprint> = { devices: { kiosk: { callingApp: "dynamics-365-guides", apps: ["dynamics-365-guides", "settings"] } } };
    expect(off(license(["GUIDES_USER", "INTUNE_A", "AAD_PREMIUM"], guides), "GUIDES_USER")).toEqual([]);
    expect(off(license(["GUIDES_USER", "INTUNE_A", "AAD_PREMIUM"]), "GUIDES_USER")).toEqual(["DYN365_CDS_GUIDES", "GUIDES", "POWERAPPS_GUIDES"]);
    const ib = license(["INFORMATION_PROTECTION_COMPLIANCE"], { isolation: { mode: "information-barriers" } });
    expect(on(ib, "INFORMATION_PROTECTION_COMPLIANCE")).toEqual(["INFORMATION_BARRIERS"]);
    expect(on(license(["INFORMATION_PROTECTION_COMPLIANCE"]), "INFORMATION_PROTECTION_COMPLIANCE")).toEqual([]);
  });

  it("enabledServicePlans keeps a plan on; disabledServicePlans turns an allowed one off", () => {
    const r = license(["MICROSOFT_REMOTE_ASSIST", "SPE_E3"], { licensing: { enabledServicePlans: ["EXCHANGE_S_ENTERPRISE"], disabledServicePlans: ["MFA_PREMIUM"] } });
    expect(on(r, "SPE_E3")).toContain("EXCHANGE_S_ENTERPRISE");
    expect(off(r, "SPE_E3")).toContain("MFA_PREMIUM");
    expect(r.licenses.find((l) => l.skuPartNumber === "SPE_E3")!.enabledPlans).toContainEqual({ name: "EXCHANGE_S_ENTERPRISE", because: "licensing.enabledServicePlans" });
    expect(r.licenses.find((l) => l.skuPartNumber === "SPE_E3")!.enabledPlans).toContainEqual({ name: "INTUNE_A", because: "Microsoft Intune" });
  });

  it("the body: skuId placeholder, and disabledPlans as 'every plan not kept' with the catalog's ids", () => {
    const { resources } = license(["SPE_E3", "INTUNE_A"]);
    expect(resources).toHaveLength(1);
    const [r] = resources;
    expect(r).toMatchObject({
      kind: "groupLicense",
      address: "groupLicense.clients",
      api: "v1.0",
      collection: "/groups/{parent}/assignLicense",
      parent: "group.clients",
      dependsOn: ["group.clients"],
    });
    const body = r!.body as { addLicenses: LicenseToAdd[]; removeLicenses: string[] };
    expect(body.removeLicenses).toEqual([]);
    expect(body.addLicenses.map((l) => l.skuId)).toEqual([
      { $resolve: "skuId:INTUNE_A", catalog: "061f9ace-7d42-4136-88ac-31dc755f143f" },
      { $resolve: "skuId:SPE_E3", catalog: "05e9a617-0261-4cee-bb44-138d3ef5d965" },
    ]);
    const [intune, e3] = body.addLicenses;
    expect(intune!.disabledPlans).toMatchObject({ $resolve: "disabledPlans:INTUNE_A", catalog: [] });
    expect(e3!.disabledPlans.$resolve).toBe("disabledPlans:SPE_E3");
    expect(e3!.disabledPlans.keep).toEqual([...e3!.disabledPlans.keep].sort());
    expect(e3!.disabledPlans.keep).toEqual(expect.arrayContaining(["AAD_PREMIUM", "INTUNE_A", "TEAMS1", "MICROSOFT_REMOTE_ASSIST"]));
    expect(e3!.disabledPlans.catalog).toContain(findServicePlan("EXCHANGE_S_ENTERPRISE")!.id);
    expect(e3!.disabledPlans.catalog).not.toContain(findServicePlan("INTUNE_A")!.id);
  });

  it("SKU order in the blueprint does not change the body", () => {
    expect(license(["INTUNE_A", "SPE_E3"]).resources).toEqual(license(["SPE_E3", "INTUNE_A"]).resources);
  });

  it("an unknown SKU → HF3201 at its index, and no licence resource", () => {
    const { resources, diagnostics } = license(["INTUNE_A", "REMOTE_ASSIST_GOLD"]);
    expect(resources).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: "HF3201", path: ["licensing", "skus", 1] })]);
  });

  it("an unknown service plan in either list → HF3202 at its index", () => {
    const { diagnostics } = license(["SPE_E3"], { licensing: { enabledServicePlans: ["SWAY"], disabledServicePlans: ["MFA_PREMIUM", "SHAREPOINT_TYPO"] } });
    expect(diagnostics).toEqual([expect.objectContaining({ code: "HF3202", path: ["licensing", "disabledServicePlans", 1] })]);
    const enabled = license(["SPE_E3"], { licensing: { enabledServicePlans: ["EXCHANGE_TYPO"] } });
    expect(enabled.diagnostics).toEqual([expect.objectContaining({ code: "HF3202", path: ["licensing", "enabledServicePlans", 0] })]);
  });
});
