import { describe, expect, it } from "vitest";
import type { OsRelease } from "../../src/catalog/types.ts";
import { buildCspNodes } from "./csp-nodes.ts";
import type { SupportedPolicy } from "./policy-support.ts";
import { referenceFile, type ReferenceFile } from "./reference.ts";

const source = { file: "docs/hololens-release-notes.md", sha256: "0".repeat(64) };
const releases: OsRelease[] = [
  { name: "20H2", build: "19041.1128", date: "2020-11", kind: "feature", source },
  { name: "23H1", build: "22621.1113", date: "2023-06", kind: "feature", source },
];

const applicability = (editions: string) => `<MSFT:Applicability><MSFT:OsBuildVersion>10.0.10240</MSFT:OsBuildVersion><MSFT:EditionAllowList>${editions}</MSFT:EditionAllowList></MSFT:Applicability>`;
const leaf = (name: string, format = "int", extra = "") => `<Node><NodeName>${name}</NodeName><DFProperties><AccessType><Get /><Replace /></AccessType><DFFormat><${format} /></DFFormat>${extra}</DFProperties></Node>`;
const root = (name: string, path: string, children: string, rootExtra = "") =>
  `<Node><NodeName>${name}</NodeName><Path>${path}</Path><DFProperties><AccessType><Get /></AccessType><DFFormat><node /></DFFormat>${rootExtra}</DFProperties>${children}</Node>`;
const ddf = (path: string, body: string) => referenceFile(path, Buffer.from(`<MgmtTree xmlns:MSFT="http://schemas.microsoft.com/MobileDevice/DM">${body}</MgmtTree>`));

const files = new Map<string, ReferenceFile>(
  [
    ddf(
      "ddf/policy/Settings_AreaDDF.xml",
      root("Settings", "./User/Vendor/MSFT/Policy/Config", leaf("PageVisibilityList", "chr"), applicability("0x4;0x88;")) +
        root("Settings", "./Device/Vendor/MSFT/Policy/Config", leaf("PageVisibilityList", "chr") + leaf("AllowVPN"), applicability("0x4;0x88;")),
    ),
    ddf("ddf/policy/System_AreaDDF.xml", root("System", "./Device/Vendor/MSFT/Policy/Config", leaf("AllowCommercialDataPipeline"), applicability("0x4;0x30;"))),
    ddf("ddf/csp/RemoteLock.xml", root("RemoteLock", "./Device/Vendor/MSFT", leaf("Lock", "null") + leaf("LockAndResetPIN", "null"), applicability("0x4;0x88;"))),
    ddf("ddf/csp/WiFi.xml", root("WiFi", "./Device/Vendor/MSFT", leaf("Other", "chr", applicability("0x4;")) + leaf("Ok", "chr"), applicability("0x4;0x88;"))),
  ].map((f) => [f.path, f]),
);
const read = (path: string) => {
  const file = files.get(path);
  if (!file) throw new Error(`ENOENT ${path}`);
  return file;
};
const policy = (name: string, minBuild: string | null, line = 1): SupportedPolicy => ({ name, supported: true, minBuild, line });

describe("buildCspNodes", () => {
  const nodes = buildCspNodes({
    supportedPolicies: [policy("Settings/PageVisibilityList", "19041.1128"), policy("System/AllowCommercialDataPipeline", null), policy("RemoteLock/Lock", "19041.1128")],
    releases,
    read,
    standaloneFiles: ["ddf/csp/RemoteLock.xml", "ddf/csp/WiFi.xml"],
  });
  const byPath = new Map(nodes.map((n) => [n.path, n]));

  it("emits only listed policies, one record per scope, sorted by path", () => {
    expect(nodes.map((n) => n.path)).toEqual([
      "./Device/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList",
      "./Device/Vendor/MSFT/Policy/Config/System/AllowCommercialDataPipeline",
      "./Device/Vendor/MSFT/RemoteLock/Lock",
      "./Device/Vendor/MSFT/RemoteLock/LockAndResetPIN",
      "./Device/Vendor/MSFT/WiFi/Ok",
      "./Device/Vendor/MSFT/WiFi/Other",
      "./User/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList",
    ]);
    expect(byPath.get("./User/Vendor/MSFT/Policy/Config/Settings/PageVisibilityList")).toMatchObject({ scopes: ["user"], format: "chr", hololens2: { supported: true, minBuild: "19041.1128" }, source: { file: "ddf/policy/Settings_AreaDDF.xml" } });
  });

  it("notes a listed policy whose DDF edition list omits Holographic for Business, but keeps it supported", () => {
    expect(byPath.get("./Device/Vendor/MSFT/Policy/Config/System/AllowCommercialDataPipeline")?.hololens2).toEqual({ supported: true, minBuild: null, note: expect.stringMatching(/omits Windows Holographic for Business \(0x88\)/) });
  });

  it("applies the HoloLens rules of standalone CSPs, falling back to the DDF edition list", () => {
    expect(byPath.get("./Device/Vendor/MSFT/RemoteLock/Lock")?.hololens2).toEqual({ supported: true, minBuild: "19041.1128" });
    expect(byPath.get("./Device/Vendor/MSFT/RemoteLock/LockAndResetPIN")?.hololens2).toMatchObject({ supported: false });
    expect(byPath.get("./Device/Vendor/MSFT/WiFi/Ok")?.hololens2).toMatchObject({ supported: true, minBuild: null });
    expect(byPath.get("./Device/Vendor/MSFT/WiFi/Other")?.hololens2).toMatchObject({ supported: false });
  });

  it("refuses a listed policy that the DDF lacks", () => {
    expect(() => buildCspNodes({ supportedPolicies: [policy("Settings/NoSuchPolicy", null)], releases, read, standaloneFiles: [] })).toThrow(/ddf\/policy\/Settings_AreaDDF\.xml: Settings\/NoSuchPolicy is on the HoloLens 2 list but not in the DDF/);
  });
});
