import { describe, expect, it } from "vitest";
import { companyResourcePlans } from "../../catalog/index.ts";
import { defaultCatalog } from "../catalog-port.ts";
import { secureBlueprint } from "../testing/blueprint-fixture.ts";
import { compileGroupLicense, type LicenseToAdd } from "./group-license.ts";

function license(skus: string[], disabledServicePlans: string[] = [...companyResourcePlans]) {
  return compileGroupLicense(secureBlueprint({ licensing: { skus, disabledServicePlans } }), defaultCatalog);
}

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
    expect(licenses.find((l) => l.skuPartNumber === "MICROSOFT_REMOTE_ASSIST")!.enabledPlanNames).toContain("TEAMS1");
  });

  it("SPE_E3 → Exchange, SharePoint, Office, Yammer… disabled; Intune and Entra ID P1 stay on", () => {
    const { licenses } = license(["SPE_E3"]);
    const [e3] = licenses;
    const sku = defaultCatalog.findSku("SPE_E3")!;
    const expectedOff = sku.servicePlans.map((p) => p.name).filter((n) => companyResourcePlans.includes(n)).sort();
    expect(e3!.disabledPlanNames).toEqual(expectedOff);
    for (const plan of ["EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE", "SHAREPOINTWAC", "OFFICESUBSCRIPTION", "YAMMER_ENTERPRISE"]) {
      expect(e3!.disabledPlanNames).toContain(plan);
    }
    expect(e3!.enabledPlanNames).toEqual(expect.arrayContaining(["AAD_PREMIUM", "INTUNE_A"]));
    expect(e3!.disabledPlanNames.length + e3!.enabledPlanNames.length).toBe(sku.servicePlans.length);
  });

  it("the body: skuId and plan ids are $resolve placeholders carrying the catalog's GUIDs", () => {
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
    expect(body.addLicenses[0]!.disabledPlans).toEqual([]);
    expect(body.addLicenses[1]!.disabledPlans).toContainEqual({
      $resolve: "servicePlanId:SPE_E3:EXCHANGE_S_ENTERPRISE",
      catalog: "efb87545-963c-4e0d-99df-69c6916d9eb0",
    });
  });

  it("SKU order in the blueprint does not change the body", () => {
    expect(license(["INTUNE_A", "SPE_E3"]).resources).toEqual(license(["SPE_E3", "INTUNE_A"]).resources);
  });

  it("an unknown SKU → HF3201 at its index, and no licence resource", () => {
    const { resources, diagnostics } = license(["INTUNE_A", "REMOTE_ASSIST_GOLD"]);
    expect(resources).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: "HF3201", path: ["licensing", "skus", 1] })]);
  });

  it("an unknown service plan → HF3202 (it would silently stay on)", () => {
    const { diagnostics } = license(["SPE_E3"], ["EXCHANGE_S_ENTERPRISE", "SHAREPOINT_TYPO"]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: "HF3202", path: ["licensing", "disabledServicePlans", 1] })]);
  });
});
