import { describe, expect, it } from "vitest";
import type { OsRelease } from "../../src/catalog/types.ts";
import { parsePolicyIntroductions, parseSupportedPolicies, sectionAnchors } from "./policy-support.ts";
import { referenceFile } from "./reference.ts";

const source = { file: "docs/hololens-release-notes.md", sha256: "0".repeat(64) };
const releases: OsRelease[] = [
  { name: "1903", build: "18362.1039", date: "2019-11", kind: "feature", source },
  { name: "2004", build: "19041.1103", date: "2020-05", kind: "feature", source },
  { name: "20H2", build: "19041.1128", date: "2020-11", kind: "feature", source },
  { name: "22H2", build: "20348.1528", date: "2022-11", kind: "feature", source },
];
const sectionBuilds = sectionAnchors([{ heading: "Windows Holographic, version 21H2 - February 2022 Update", build: "20348.1447" }]);

const page = (lines: string[]) => referenceFile("docs/policies-in-policy-csp-supported-by-hololens2.md", Buffer.from(lines.join("\n")));
const footnotes = [
  "Footnotes:",
  "",
  "- 1 - Available in Windows 10, version 1607.",
  "- 8 - Available in Windows 10, version 2004.",
  "- 9 - Available in [Windows Holographic, version 20H2](/hololens/hololens-release-notes-2004#windows-holographic-version-20h2)",
  "- 12 - Available in [Windows Holographic, version 22H2](/hololens/hololens-release-notes#windows-holographic-version-22h2)",
  "- Insider - Available in our current [HoloLens Insider builds](/hololens/hololens-insider).",
];

describe("parseSupportedPolicies", () => {
  it("maps footnotes and release-notes links to builds", () => {
    const policies = parseSupportedPolicies(
      page([
        "- [Accounts/AllowMicrosoftAccountConnection](policy-csp-accounts.md#x)",
        "- [Old/FromWin10](x.md#y) <sup>1</sup>",
        "- [Wifi/AllowWiFi](policy-csp-wifi.md#allowwifi) <sup>8</sup>",
        "- [Settings/PageVisibilityList](./policy-csp-settings.md#pagevisibilitylist) <sup>9</sup>",
        "- [MixedReality/AllowLaunchUriInSingleAppKiosk](./x.md#y)<sup>12</sup>",
        "- [MixedReality/ConfigureMovingPlatform](policy-csp-mixedreality.md#configuremovingplatform) <sup>*[Feb. 2022 Servicing release](/hololens/hololens-release-notes#windows-holographic-version-21h2---february-2022-update)</sup>",
        "- [Privacy/DisablePrivacyExperience](./policy-csp-privacy.md#disableprivacyexperience) <sup>Insider</sup>",
        "- [RemoteLock/Lock](./remotelock-csp.md) <sup>9</sup>",
        ...footnotes,
      ]),
      { releases, sectionBuilds },
    );
    expect(policies.map((p) => [p.name, p.supported, p.minBuild])).toEqual([
      ["Accounts/AllowMicrosoftAccountConnection", true, null],
      ["Old/FromWin10", true, null],
      ["Wifi/AllowWiFi", true, "19041.1103"],
      ["Settings/PageVisibilityList", true, "19041.1128"],
      ["MixedReality/AllowLaunchUriInSingleAppKiosk", true, "20348.1528"],
      ["MixedReality/ConfigureMovingPlatform", true, "20348.1447"],
      ["Privacy/DisablePrivacyExperience", false, null],
      ["RemoteLock/Lock", true, "19041.1128"],
    ]);
    expect(policies.find((p) => p.name === "Privacy/DisablePrivacyExperience")?.note).toMatch(/Insider/);
  });

  it("keeps the later build of a policy listed twice, and says so", () => {
    const [policy] = parseSupportedPolicies(page(["- [MixedReality/AADGroupMembershipCacheValidityInDays](a.md#x)", "- [MixedReality/AADGroupMembershipCacheValidityInDays](./a.md#x) <sup>9</sup>", ...footnotes]), { releases, sectionBuilds });
    expect(policy).toMatchObject({ minBuild: "19041.1128", note: "listed twice (lines 1 and 2); the later build is kept" });
  });

  it("fails on marks it cannot resolve", () => {
    expect(() => parseSupportedPolicies(page(["- [A/B](x.md) <sup>7</sup>", ...footnotes]), { releases, sectionBuilds })).toThrow(/:1: footnote "7" is not defined/);
    expect(() => parseSupportedPolicies(page(["- [A/B](x.md) <sup>*[x](/hololens/hololens-release-notes#nowhere)</sup>", ...footnotes]), { releases, sectionBuilds })).toThrow(/anchor "#nowhere" matches no section/);
    expect(() => parseSupportedPolicies(page(["- [A/B](x.md) <sup>3</sup>", "- 3 - Available in Windows 10, version 21H2.", ...footnotes]), { releases, sectionBuilds })).toThrow(/no HoloLens release known for Windows 10 version 21H2/);
    expect(() => parseSupportedPolicies(page(footnotes), { releases, sectionBuilds })).toThrow(/no policy entries/);
  });
});

describe("parsePolicyIntroductions", () => {
  const notes = referenceFile(
    "docs/hololens-release-notes.md",
    Buffer.from(
      [
        "## Windows Holographic, version 22H2",
        "The [OMA-URI](/x) (Open Mobile Alliance Uniform Resource Identifier) of new policies:",
        "",
        "- `./Device/Vendor/MSFT/Policy/Config/MixedReality/SkipCalibrationDuringSetup`",
        "- `./Device/Vendor/MSFT/Policy/Config/MixedReality/SkipTrainingDuringSetup`",
        "### Next topic",
        "- `./Device/Vendor/MSFT/Policy/Config/MixedReality/NotANewPolicy`",
        "## Windows Holographic, version 21H2 - February 2022 Update",
        "The OMA-URI of new policy: `./Device/Vendor/MSFT/Policy/Config/MixedReality/ConfigureMovingPlatform`",
      ].join("\n"),
    ),
  );
  const name = (heading: string) => /version (\S+)(?: - (\w+ \d{4}) Update)?$/.exec(heading)?.slice(1).filter(Boolean).join(" – ");

  it("attributes each new-policy URI to the release section it appears in, up to the next heading", () => {
    expect(parsePolicyIntroductions(notes, name).map((p) => `${p.name} ${p.release} ${p.line}`)).toEqual([
      "MixedReality/SkipCalibrationDuringSetup 22H2 4",
      "MixedReality/SkipTrainingDuringSetup 22H2 5",
      "MixedReality/ConfigureMovingPlatform 21H2 – February 2022 9",
    ]);
  });

  it("refuses a new policy outside a release section", () => {
    const stray = referenceFile("n.md", Buffer.from("## About\nThe OMA-URI of new policy: `./Device/Vendor/MSFT/Policy/Config/A/B`\n"));
    expect(() => parsePolicyIntroductions(stray, name)).toThrow(/n\.md:2: a new policy outside a release section/);
  });
});
