import { describe, expect, it } from "vitest";
import { LICENCE_NEED_FILES, parseLicenceNeeds } from "./licence-needs.ts";
import { parseLicensingCsv } from "./licensing.ts";
import { referenceFile, type ReferenceFile } from "./reference.ts";

const HEADER = "Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names";
const CSV_ROWS = [
  "Dynamics 365 Remote Assist,MICROSOFT_REMOTE_ASSIST,7a551360-26c4-4f61-84e6-ef715673e083,TEAMS1,57ff2da0-773e-42df-b2af-ffb7a2317929,Microsoft Teams",
  "Dynamics 365 Remote Assist,MICROSOFT_REMOTE_ASSIST,7a551360-26c4-4f61-84e6-ef715673e083,MICROSOFT_REMOTE_ASSIST,4f4c7800-298a-4e22-8867-96b17850d4dd,Remote Assist",
  "Dynamics 365 Remote Assist,MICROSOFT_REMOTE_ASSIST,7a551360-26c4-4f61-84e6-ef715673e083,CDS_REMOTE_ASSIST,0850ebb5-64ee-4d3a-a3e1-5a97213653b5,Common Data Service for Remote Assist",
  "Intune,INTUNE_A,061f9ace-7d42-4136-88ac-31dc755f143f,INTUNE_A,c1ec4a95-1f05-45b3-a911-aa3fa01094f5,Microsoft Intune",
  "Microsoft Entra ID P1,AAD_PREMIUM,078d2b04-f1bd-4111-bbd4-b4b1b354cef4,AAD_PREMIUM,41781fb2-bc02-4b7c-bd55-b576c07bb09d,Microsoft Entra ID P1",
  "Microsoft Entra ID P1,AAD_PREMIUM,078d2b04-f1bd-4111-bbd4-b4b1b354cef4,MFA_PREMIUM,8a256a2b-b617-496d-b51b-e76466e88db0,MFA",
  "Dynamics 365 Guides,GUIDES_USER,0a389a77-9850-4dc4-b600-bc66fdfefc60,GUIDES,0b2c029c-dca0-454a-a336-887285d6ef07,Dynamics 365 Guides",
  "Dynamics 365 Guides,GUIDES_USER,0a389a77-9850-4dc4-b600-bc66fdfefc60,POWERAPPS_GUIDES,816971f4-37c5-424a-b12b-b56881f402e7,Power Apps for Guides",
  "Microsoft 365 E5,SPE_E5,06ebc4ee-1bb5-47dd-8120-11324bc54e06,INFORMATION_BARRIERS,c4801e8a-cb58-4c35-aca6-f2dcc106f287,Information Barriers",
];
const skus = parseLicensingCsv(referenceFile("licensing/l.csv", Buffer.from(`${[HEADER, ...CSV_ROWS].join("\r\n")}\r\n`)));

const GUIDE = "1. Only assign licenses that the user requires. The only licenses the users will need is Remote Assist, Intune, and Microsoft Entra ID licenses to begin.\n";
const REQUIREMENTS = [
  "#### Dynamics 365 Remote Assist user",
  "",
  "- Microsoft Entra account",
  "",
  "- Remote Assist license ",
  "",
  "  > Microsoft Teams is bundled with Remote Assist",
  "",
  "If you plan on implementing this cross-tenant scenario, you may need an Information Barriers license.",
  "",
  "#### Guides User",
  "",
  "1. Microsoft Entra account",
  "1. [Dynamics 365 Guides license](/dynamics365/mixed-reality/guides/requirements)",
  "",
].join("\n");
const FACTS = [
  "| Product_Display_Name | String_Id (skuPartNumber) | GUID (skuId) | Service plans (name, id) |",
  "|---|---|---|---|",
  "| Dynamics 365 Remote Assist | `MICROSOFT_REMOTE_ASSIST` | `7a551360-26c4-4f61-84e6-ef715673e083` | … |",
  "| Intune | `INTUNE_A` | `061f9ace-7d42-4136-88ac-31dc755f143f` | … |",
  "| Microsoft Entra ID P1 | `AAD_PREMIUM` | `078d2b04-f1bd-4111-bbd4-b4b1b354cef4` | … |",
  "",
  "Caution (inference): do not disable `TEAMS1` inside the Remote Assist SKU — RA calls run over Teams.",
  "",
].join("\n");

function reader(overrides: Partial<Record<keyof typeof LICENCE_NEED_FILES, string>> = {}) {
  const texts: Record<string, string> = {
    [LICENCE_NEED_FILES.guide]: overrides.guide ?? GUIDE,
    [LICENCE_NEED_FILES.requirements]: overrides.requirements ?? REQUIREMENTS,
    [LICENCE_NEED_FILES.facts]: overrides.facts ?? FACTS,
  };
  return (path: string): ReferenceFile => {
    const text = texts[path];
    if (text === undefined) throw new Error(`unexpected read of ${path}`);
    return referenceFile(path, Buffer.from(text));
  };
}

describe("parseLicenceNeeds", () => {
  const needs = parseLicenceNeeds(reader(), skus);
  const byId = (id: string) => needs.find((n) => n.id === id)!;

  it("one need per thing the reference says clients need, in documentation order", () => {
    expect(needs.map((n) => n.id)).toEqual(["entra-id", "intune", "remote-assist", "guides", "calling", "information-barriers"]);
  });

  it("a licence the guide names keeps every one of its plans (its dependencies included)", () => {
    expect(byId("remote-assist")).toMatchObject({ skuPartNumber: "MICROSOFT_REMOTE_ASSIST", corePlan: "MICROSOFT_REMOTE_ASSIST", plans: ["CDS_REMOTE_ASSIST", "MICROSOFT_REMOTE_ASSIST", "TEAMS1"] });
    expect(byId("entra-id").plans).toEqual(["AAD_PREMIUM", "MFA_PREMIUM"]);
    expect(byId("intune").plans).toEqual(["INTUNE_A"]);
  });

  it("Guides: the CSV product the requirements page names, proven by the GUIDES plan", () => {
    expect(byId("guides")).toMatchObject({ skuPartNumber: "GUIDES_USER", corePlan: "GUIDES", plans: ["GUIDES", "POWERAPPS_GUIDES"] });
    expect(byId("guides").basis).toContain("docs/hololens-licenses-requirements.md:11");
  });

  it("capabilities without a licence of their own keep just their plan", () => {
    expect(byId("calling")).toMatchObject({ skuPartNumber: null, plans: ["TEAMS1"] });
    expect(byId("information-barriers")).toMatchObject({ skuPartNumber: null, plans: ["INFORMATION_BARRIERS"] });
  });

  it("every need cites its files with their sha256", () => {
    for (const need of needs) {
      expect(need.sources.length, need.id).toBeGreaterThan(0);
      for (const s of need.sources) expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(byId("remote-assist").sources.map((s) => s.file)).toEqual([LICENCE_NEED_FILES.guide, LICENCE_NEED_FILES.requirements, LICENCE_NEED_FILES.facts, "licensing/l.csv"]);
  });

  it("a reference that no longer states a need fails the generator instead of keeping a plan on", () => {
    expect(() => parseLicenceNeeds(reader({ guide: "nothing here\n" }), skus)).toThrow(/hololens2-deployment-guide\.md: no longer says what the entra-id licence need rests on/);
    expect(() => parseLicenceNeeds(reader({ requirements: REQUIREMENTS.replace("Dynamics 365 Guides license", "Guides seat") }), skus)).toThrow(/guides licence need/);
  });

  it("a SKU table row that is gone, or a licence missing from the CSV, fails the generator", () => {
    expect(() => parseLicenceNeeds(reader({ facts: FACTS.replace("| Intune |", "| Microsoft Intune Plan 1 |") }), skus)).toThrow(/no row for Intune/);
    const noGuides = skus.filter((s) => s.skuPartNumber !== "GUIDES_USER");
    expect(() => parseLicenceNeeds(reader(), noGuides)).toThrow(/no SKU for .*Dynamics 365 Guides/);
  });
});
