import { describe, expect, it } from "vitest";
import { parseCsv, skusFromLicensingCsv } from "./gen-sim-skus.ts";
import generated from "../src/tenant-sim/generated/skus.json" with { type: "json" };

const sample = [
  "\uFEFFProduct_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names",
  "Intune,INTUNE_A,061f9ace-7d42-4136-88ac-31dc755f143f,INTUNE_A,c1ec4a95-1f05-45b3-a911-aa3fa01094f5,MICROSOFT INTUNE",
  '"Office 365 E3, with a comma",ENTERPRISEPACK,6fd2c87f-b296-42f0-b197-1e91e994b900,TEAMS1,57ff2da0-773e-42df-b2af-ffb7a2317929,"Microsoft ""Teams"""',
  "Other,OTHER,00000000-0000-0000-0000-000000000000,X,00000000-0000-0000-0000-000000000001,X",
].join("\r\n");

describe("parseCsv", () => {
  it("quoted fields, doubled quotes, BOM and CRLF → plain cells", () => {
    const rows = parseCsv(sample);
    expect(rows).toHaveLength(4);
    expect(rows[0]?.[0]).toBe("Product_Display_Name");
    expect(rows[2]?.[0]).toBe("Office 365 E3, with a comma");
    expect(rows[2]?.[5]).toBe('Microsoft "Teams"');
  });
});

describe("skusFromLicensingCsv", () => {
  it("groups service plans per SKU in the requested order", () => {
    const skus = skusFromLicensingCsv(sample, ["ENTERPRISEPACK", "INTUNE_A"]);
    expect(skus.map((s) => s.skuPartNumber)).toEqual(["ENTERPRISEPACK", "INTUNE_A"]);
    expect(skus[1]).toEqual({
      skuPartNumber: "INTUNE_A",
      skuId: "061f9ace-7d42-4136-88ac-31dc755f143f",
      productDisplayName: "Intune",
      servicePlans: [{ servicePlanId: "c1ec4a95-1f05-45b3-a911-aa3fa01094f5", servicePlanName: "INTUNE_A" }],
    });
  });

  it("a SKU missing from the CSV → error", () => {
    expect(() => skusFromLicensingCsv(sample, ["SPE_E3"])).toThrow(/no SKU SPE_E3/);
  });
});

describe("generated skus.json", () => {
  it("holds the five tenant SKUs with the ids hololens-facts lists", () => {
    const byPart = Object.fromEntries(generated.skus.map((s) => [s.skuPartNumber, s]));
    expect(Object.keys(byPart).sort()).toEqual(["AAD_PREMIUM", "ENTERPRISEPACK", "INTUNE_A", "MICROSOFT_REMOTE_ASSIST", "SPE_E3"]);
    expect(byPart.MICROSOFT_REMOTE_ASSIST?.skuId).toBe("7a551360-26c4-4f61-84e6-ef715673e083");
    expect(byPart.MICROSOFT_REMOTE_ASSIST?.servicePlans.map((p) => p.servicePlanName).sort()).toEqual(["CDS_REMOTE_ASSIST", "MICROSOFT_REMOTE_ASSIST", "TEAMS1"]);
    expect(byPart.AAD_PREMIUM?.servicePlans).toHaveLength(4);
    expect(byPart.SPE_E3?.servicePlans.some((p) => p.servicePlanId === "c1ec4a95-1f05-45b3-a911-aa3fa01094f5")).toBe(true);
  });
});
