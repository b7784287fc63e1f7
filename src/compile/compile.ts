/**
 * `compile(blueprint)`: the normalized blueprint → desired Graph resources with stable addresses, the
 * tenant preconditions (read, never written), plus the artifacts `compile --out` writes (kiosk XML, WDAC
 * policy, Graph bodies, isolation step, the experts' Teams scripts, licence and password steps, manifest). Pure and synchronous: no clock, no randomness, no I/O; resources, settings and
 * artifacts are sorted so the same blueprint always yields the same bytes. Every OMA-URI setting is
 * checked against the DDF catalog at the blueprint's OS baseline; an error there fails the compile.
 */
import type { Blueprint } from "../blueprint/types.ts";
import type { Diagnostic } from "../diag/diagnostic.ts";
import { compileAppControlPolicy } from "./app-control-policy.ts";
import { appControlSteps } from "./app-control-steps.ts";
import { canonicalize, canonicalJson } from "./canonical-json.ts";
import { type CompileCatalog, defaultCatalog } from "./catalog-port.ts";
import { addresses } from "./graph/addresses.ts";
import { autopilotAssignment, configurationAssignment, enrollmentConfigurationAssignment } from "./graph/assignments.ts";
import { compileAutopilotProfile } from "./graph/autopilot-profile.ts";
import { customConfiguration, PROFILE_SPECS } from "./graph/custom-configurations.ts";
import { compileEnrollmentStatusPage } from "./graph/enrollment-status-page.ts";
import { compileGroupLicense } from "./graph/group-license.ts";
import { compileGroups } from "./graph/groups.ts";
import { compileUpdateRing } from "./graph/update-ring.ts";
import { compileUsers } from "./graph/users.ts";
import { compileExpertGuests } from "./experts/guest-invitations.ts";
import { teamsFederationScripts } from "./experts/teams-federation.ts";
import { isolationBaselineNote } from "./isolation/baseline.ts";
import { informationBarrierScript } from "./isolation/information-barriers.ts";
import { scopedDirectorySearchScript } from "./isolation/scoped-directory-search.ts";
import { compileKioskXml } from "./kiosk-xml/compile-kiosk-xml.ts";
import { licenceSteps } from "./licensing/licence-steps.ts";
import { buildManifest } from "./manifest.ts";
import { applicationControlSettings } from "./oma-settings/application-control.ts";
import { ASSIGNED_ACCESS_URI, assignedAccessSettings } from "./oma-settings/assigned-access.ts";
import { checkOmaSetting } from "./oma-settings/check-oma-setting.ts";
import { developerUnlockSettings } from "./oma-settings/developer-unlock.ts";
import type { SourcedOmaSetting } from "./oma-settings/oma-setting.ts";
import { pageVisibilitySettings } from "./oma-settings/page-visibility.ts";
import { restrictionSettings } from "./oma-settings/restrictions.ts";
import { storeAutoUpdateSettings } from "./oma-settings/store-auto-update.ts";
import { tenantLockdownSettings } from "./oma-settings/tenant-lockdown.ts";
import { usbSettings } from "./oma-settings/usb.ts";
import { compilePasswordPolicy } from "./passwords/password-policy.ts";
import { compileTenantPreconditions } from "./preconditions/tenant-preconditions.ts";
import type { Artifact, CompileResult, DesiredResource, OmaSetting } from "./types.ts";

/** Where `compile --out` puts each artifact (relative, forward slashes). */
export const ARTIFACT_FILES = {
  kioskXml: "kiosk/assigned-access.xml",
  omaSettings: "intune/oma-settings.json",
  desired: "desired.json",
  isolationBaseline: "isolation/baseline.md",
  informationBarriers: "isolation/information-barriers.ps1",
  scopedDirectorySearch: "isolation/scoped-directory-search.ps1",
  passwords: "passwords/password-policy.md",
  licences: "licensing/licences.md",
  graphBody: (address: string) => `graph/${address}.json`,
} as const;

/** One profile's OMA settings with the blueprint keys they come from. */
export interface ProfileSettings {
  address: string;
  settings: SourcedOmaSetting[];
}

/** The data type names Intune's custom-profile editor shows (`custom-settings-windows-holographic.md`). */
const INTUNE_DATA_TYPES: Record<OmaSetting["@odata.type"], string> = {
  "#microsoft.graph.omaSettingString": "String",
  "#microsoft.graph.omaSettingStringXml": "String (XML file)",
  "#microsoft.graph.omaSettingInteger": "Integer",
  "#microsoft.graph.omaSettingBoolean": "Boolean",
  "#microsoft.graph.omaSettingBase64": "Base64 (file)",
  "#microsoft.graph.omaSettingDateTime": "Date and time",
  "#microsoft.graph.omaSettingFloatingPoint": "Floating point",
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Checks each setting against the catalog (HF3001–HF3007) and each profile for two settings on one
 * OMA-URI (HF3008); diagnostics point at the blueprint key the setting came from.
 */
export function checkProfileSettings(profiles: readonly ProfileSettings[], osBuild: string, catalog: CompileCatalog): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const profile of profiles) {
    const seen = new Map<string, string>();
    for (const { setting, path } of profile.settings) {
      for (const d of checkOmaSetting(setting, osBuild, catalog)) diagnostics.push({ ...d, path });
      // `./Vendor/MSFT/…` and `./Device/Vendor/MSFT/…` address the same device-scope node.
      const key = setting.omaUri.toLowerCase().replace(/^\.\/device\/vendor\//, "./vendor/");
      if (seen.has(key)) {
        diagnostics.push({ severity: "error", code: "HF3008", message: `${profile.address} sets ${setting.omaUri} twice`, path });
      }
      seen.set(key, setting.omaUri);
    }
  }
  return diagnostics;
}

function graphBodyArtifact(resource: DesiredResource): Artifact {
  return {
    kind: "graph-body",
    file: ARTIFACT_FILES.graphBody(resource.address),
    content: canonicalJson(resource),
    description: `Graph ${resource.api} request body for ${resource.address} (${resource.collection}).`,
  };
}

/** The isolation step of `isolation.mode` (guide §CC-isolation); none has a Graph API. */
function isolationArtifact(bp: Blueprint): Artifact {
  switch (bp.isolation.mode) {
    case "information-barriers":
      return {
        kind: "powershell",
        file: ARTIFACT_FILES.informationBarriers,
        content: informationBarrierScript(bp),
        description: "Information-barrier segments and allow-only policies (Security & Compliance PowerShell; no Graph API).",
      };
    case "scoped-directory-search":
      return {
        kind: "powershell",
        file: ARTIFACT_FILES.scopedDirectorySearch,
        content: scopedDirectorySearchScript(bp),
        description: "Address book policy per client and the Teams search-by-name switch (Exchange Online and Teams PowerShell; no Graph API).",
      };
    case "baseline":
      return {
        kind: "steps",
        file: ARTIFACT_FILES.isolationBaseline,
        content: isolationBaselineNote(bp),
        description: "What the guide's baseline isolation holds (holofleet configures nothing more for it).",
      };
  }
}

export function compile(bp: Blueprint, catalog: CompileCatalog = defaultCatalog): CompileResult {
  const diagnostics: Diagnostic[] = [];
  const artifacts: Artifact[] = [];
  const osBuild = bp.devices.osBaseline.build;

  // Device configuration: kiosk XML, WDAC policy and the OMA-URI settings of the three custom profiles.
  const kiosk = compileKioskXml(bp.devices.kiosk, catalog);
  diagnostics.push(...kiosk.diagnostics);
  const appControl = compileAppControlPolicy(bp, catalog);
  diagnostics.push(...appControl.diagnostics);
  const cipFile = `${appControl.fileBase}.cip`;

  const profiles: ProfileSettings[] = [
    { address: PROFILE_SPECS.kiosk.address, settings: assignedAccessSettings(kiosk.xml) },
    {
      address: PROFILE_SPECS.restrictions.address,
      settings: [
        ...tenantLockdownSettings(bp.devices),
        ...developerUnlockSettings(bp.devices),
        ...usbSettings(bp.devices),
        ...storeAutoUpdateSettings(bp.devices),
        ...pageVisibilitySettings(bp.devices),
        ...restrictionSettings(bp.devices),
      ],
    },
    {
      address: PROFILE_SPECS.appControl.address,
      settings: applicationControlSettings(bp.devices.appControl, appControl.binary, cipFile.split("/").pop() ?? cipFile),
    },
  ];
  diagnostics.push(...checkProfileSettings(profiles, osBuild, catalog));

  // Desired Graph resources.
  const desired: DesiredResource[] = [];
  const groups = compileGroups(bp);
  diagnostics.push(...groups.diagnostics);
  desired.push(...groups.groups, ...compileUsers(bp));
  const hasDeviceGroup = groups.groups.some((g) => g.address === addresses.devicesGroup);

  const specs = [PROFILE_SPECS.kiosk, PROFILE_SPECS.restrictions, PROFILE_SPECS.appControl];
  for (const spec of specs) {
    const settings = profiles.find((p) => p.address === spec.address)?.settings ?? [];
    if (settings.length === 0) continue;
    desired.push(customConfiguration(bp, { ...spec, settings: settings.map((s) => s.setting) }));
    if (hasDeviceGroup) desired.push(configurationAssignment(spec.address));
  }
  for (const ring of compileUpdateRing(bp)) {
    desired.push(ring);
    if (hasDeviceGroup) desired.push(configurationAssignment(ring.address));
  }
  for (const profile of compileAutopilotProfile(bp)) {
    desired.push(profile);
    if (hasDeviceGroup) desired.push(autopilotAssignment(profile.address));
  }
  for (const page of compileEnrollmentStatusPage(bp)) {
    desired.push(page);
    if (hasDeviceGroup) desired.push(enrollmentConfigurationAssignment(page.address));
  }
  desired.push(...compileExpertGuests(bp));
  const license = compileGroupLicense(bp, catalog);
  diagnostics.push(...license.diagnostics);
  desired.push(...license.resources);
  const passwords = compilePasswordPolicy(bp);
  diagnostics.push(...passwords.diagnostics);
  desired.push(...passwords.resources);

  const sortedDesired = desired.map((r) => canonicalize(r)).sort((a, b) => byText(a.address, b.address));
  const preconditions = compileTenantPreconditions(bp).map((p) => canonicalize(p)).sort((a, b) => byText(a.address, b.address));

  // Artifacts.
  if (kiosk.xml !== null) {
    artifacts.push({
      kind: "kiosk-xml",
      file: ARTIFACT_FILES.kioskXml,
      content: kiosk.xml,
      omaUri: ASSIGNED_ACCESS_URI,
      dataType: "omaSettingString",
      description: "AssignedAccess configuration: global multi-app kiosk profile (guide §GR-5).",
    });
  }
  if (appControl.xml !== null && appControl.binary !== null) {
    const oma = profiles.find((p) => p.address === PROFILE_SPECS.appControl.address)?.settings[0]?.setting;
    artifacts.push(
      {
        kind: "app-control-xml",
        file: `${appControl.fileBase}.xml`,
        content: appControl.xml,
        description: `WDAC deny policy "${bp.devices.appControl.policyName}" as SiPolicy XML (source of the .cip).`,
      },
      {
        kind: "app-control-binary",
        file: cipFile,
        content: appControl.binary,
        ...(oma ? { omaUri: oma.omaUri } : {}),
        dataType: "omaSettingBase64",
        description: "Compiled WDAC policy (format 7) for the ApplicationControl CSP; upload as Base64 (file).",
      },
      {
        kind: "steps",
        file: `${appControl.fileBase.slice(0, appControl.fileBase.lastIndexOf("/"))}/README.md`,
        content: appControlSteps(bp, appControl),
        description: "How the WDAC policy is deployed, confirmed on a device and cross-checked on Windows.",
      },
    );
  }
  const omaSettings = profiles
    .filter((p) => p.settings.length > 0)
    .map((p) => ({
      profile: p.address,
      settings: [...p.settings]
        .map((s) => ({ ...s.setting, blueprintKey: s.path.join("."), intuneDataType: INTUNE_DATA_TYPES[s.setting["@odata.type"]] }))
        .sort((a, b) => byText(a.omaUri, b.omaUri)),
    }));
  artifacts.push({
    kind: "oma-settings",
    file: ARTIFACT_FILES.omaSettings,
    content: canonicalJson({ formatVersion: 1, osBaseline: osBuild, profiles: omaSettings }),
    description: "Every OMA-URI setting by profile, as Intune's custom profile takes it, checked against the DDF.",
  });
  for (const resource of sortedDesired) artifacts.push(graphBodyArtifact(resource));
  artifacts.push({
    kind: "graph-body",
    file: ARTIFACT_FILES.desired,
    content: canonicalJson({ formatVersion: 1, blueprint: bp.metadata.name, resources: sortedDesired, preconditions }),
    description: "All desired Graph resources with addresses and dependencies (what plan compares with the tenant), and the tenant preconditions plan reads but never writes.",
  });
  artifacts.push(isolationArtifact(bp));
  artifacts.push({
    kind: "steps",
    file: ARTIFACT_FILES.licences,
    content: licenceSteps(bp, license.licenses, catalog.licenceNeeds),
    description: "Client licences: the service plans each SKU keeps on and why, the ones disabled, and the steps Graph cannot take (guide §GR-2, §CC company resources).",
  });
  for (const federation of teamsFederationScripts(bp)) artifacts.push({ kind: "powershell", ...federation });
  artifacts.push({
    kind: "steps",
    file: ARTIFACT_FILES.passwords,
    content: passwords.steps,
    description: `Client password handling: ${bp.passwords.policy} (guide §CC passwords).`,
  });

  artifacts.sort((a, b) => byText(a.file, b.file));
  artifacts.push(buildManifest(bp.metadata.name, artifacts));
  return { desired: sortedDesired, preconditions, artifacts, diagnostics };
}
