import { describe, expect, it } from "vitest";
import { informationBarrierSkus, parseCompanyResourcePlans, parseLicensingCsv } from "./licensing.ts";
import { referenceFile } from "./reference.ts";

const HEADER = "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names";
const csv = (rows: string[]) => referenceFile("licensing/l.csv", Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`));

const rows = [
  "Dynamics 365 Remote Assist,MICROSOFT_REMOTE_ASSIST,7a551360-26c4-4f61-84e6-ef715673e083,TEAMS1,57ff2da0-773e-42df-b2af-ffb7a2317929,Microsoft Teams",
  "Dynamics 365 Remote Assist,MICROSOFT_REMOTE_ASSIST,7a551360-26c4-4f61-84e6-ef715673e083,CDS_REMOTE_ASSIST,0850ebb5-64ee-4d3a-a3e1-5a97213653b5,Common Data Service for Remote Assist",
  // A verbatim duplicate row, as the CSV has some.
  "Dynamics 365 Remote Assist,MICROSOFT_REMOTE_ASSIST,7a551360-26c4-4f61-84e6-ef715673e083,TEAMS1,57ff2da0-773e-42df-b2af-ffb7a2317929,Microsoft Teams",
  '"Microsoft 365 E5, with a comma",SPE_E5,06ebc4ee-1bb5-47dd-8120-11324bc54e06,INFORMATION_BARRIERS,c4801e8a-cb58-4c35-aca6-f2dcc106f287,Information Barriers',
  '"Microsoft 365 E5, with a comma",SPE_E5,06ebc4ee-1bb5-47dd-8120-11324bc54e06,EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)',
  "Skype PSTN A,MCOPSTN5,54a152dc-90de-4996-93d2-bc47e670fc06,MCOPSTN5,3c8a8792-7866-409b-bb61-1b20ace0368b,PSTN",
  "Skype PSTN B,MCOPSTN5,00000000-0000-4000-8000-000000000001,MCOPSTN5,3c8a8792-7866-409b-bb61-1b20ace0368b,PSTN",
];

describe("parseLicensingCsv", () => {
  const skus = parseLicensingCsv(csv(rows));

  it("groups rows into SKUs with sorted, de-duplicated plans", () => {
    expect(skus.map((s) => s.skuPartNumber)).toEqual(["MCOPSTN5", "MCOPSTN5", "MICROSOFT_REMOTE_ASSIST", "SPE_E5"]);
    const ra = skus.find((s) => s.skuPartNumber === "MICROSOFT_REMOTE_ASSIST");
    expect(ra).toMatchObject({ skuId: "7a551360-26c4-4f61-84e6-ef715673e083", displayName: "Dynamics 365 Remote Assist", source: { file: "licensing/l.csv" } });
    expect(ra?.servicePlans).toEqual([
      { name: "CDS_REMOTE_ASSIST", id: "0850ebb5-64ee-4d3a-a3e1-5a97213653b5", friendlyName: "Common Data Service for Remote Assist" },
      { name: "TEAMS1", id: "57ff2da0-773e-42df-b2af-ffb7a2317929", friendlyName: "Microsoft Teams" },
    ]);
    expect(skus.find((s) => s.skuPartNumber === "SPE_E5")?.displayName).toBe("Microsoft 365 E5, with a comma");
  });

  it("keeps two products that share a String_Id apart by GUID, lower skuId first", () => {
    expect(skus.filter((s) => s.skuPartNumber === "MCOPSTN5").map((s) => s.displayName)).toEqual(["Skype PSTN B", "Skype PSTN A"]);
  });

  it("finds the information-barrier SKUs", () => {
    expect(informationBarrierSkus(skus)).toEqual(["SPE_E5"]);
  });

  it("refuses a wrong header, a short row and a bad GUID", () => {
    expect(() => parseLicensingCsv(referenceFile("l.csv", Buffer.from("a,b\n")))).toThrow(/l\.csv:1: unexpected header/);
    expect(() => parseLicensingCsv(csv(["x,Y,7a551360-26c4-4f61-84e6-ef715673e083,Z"]))).toThrow(/l\.csv:2: expected 6 fields, found 4/);
    expect(() => parseLicensingCsv(csv(["x,Y,not-a-guid,Z,57ff2da0-773e-42df-b2af-ffb7a2317929,F"]))).toThrow(/not a GUID/);
    expect(() => parseLicensingCsv(csv(['x,Y,"7a551360-26c4-4f61-84e6-ef715673e083']))).toThrow(/unterminated quoted field/);
  });
});

describe("parseCompanyResourcePlans", () => {
  const skus = parseLicensingCsv(
    csv([
      ...rows,
      "O365 E3,ENTERPRISEPACK,6fd2c87f-b296-42f0-b197-1e91e994b900,SHAREPOINTENTERPRISE,5dbe027f-2339-4123-9542-606e4d348a72,SharePoint",
      "OneDrive,WACONEDRIVESTANDARD,e6778190-713e-4e4f-9119-8b8238de25df,ONEDRIVESTANDARD,13696edf-5a08-49f6-8134-03083ed8ba30,OneDrive",
    ]),
  );
  const facts = (extra: string[]) =>
    referenceFile(
      "hololens-facts.md",
      Buffer.from(
        [
          "| Workload | Service_Plan_Name | Service_Plan_Id |",
          "|---|---|---|",
          "| Exchange Online / Outlook | `EXCHANGE_S_ENTERPRISE` | `efb87545-963c-4e0d-99df-69c6916d9eb0` |",
          "| SharePoint | `SHAREPOINTENTERPRISE` | `5dbe027f-2339-4123-9542-606e4d348a72` |",
          "| Microsoft Teams | `TEAMS1` | `57ff2da0-773e-42df-b2af-ffb7a2317929` |",
          ...extra,
          "",
          "Standalone OneDrive plans that exist in other SKUs: `ONEDRIVESTANDARD` 13696edf-5a08-49f6-8134-03083ed8ba30.",
          "Caution (inference): do not disable `TEAMS1` inside the Remote Assist SKU — RA calls run over Teams.",
        ].join("\n"),
      ),
    );

  it("takes the exclusion table and the OneDrive plans, never TEAMS1", () => {
    expect(parseCompanyResourcePlans(facts([]), skus)).toEqual(["EXCHANGE_S_ENTERPRISE", "ONEDRIVESTANDARD", "SHAREPOINTENTERPRISE"]);
  });

  it("refuses a plan the CSV does not know", () => {
    expect(() => parseCompanyResourcePlans(facts(["| Sway | `SWAY_NOT_REAL` | `a23b959c-7ce8-4e57-9140-b90eb88a9e97` |"]), skus)).toThrow(/service plan SWAY_NOT_REAL is not in the licensing CSV/);
  });
});
