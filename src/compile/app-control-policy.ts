/**
 * Guide §GR-7 and §CC chat history: turns `devices.appControl` into the WDAC deny policy — the apps to
 * block by package family name, the browsers (with the new Edge's `msedge.exe` file rule) — through the
 * app-control module's `buildHoloLensDenyPolicy` (SiPolicy XML) and `compileSiPolicy` (format-7 binary).
 */
import type { Blueprint } from "../blueprint/types.ts";
import type { CatalogApp } from "../catalog/types.ts";
import { type Diagnostic, UserError } from "../diag/diagnostic.ts";
import { buildHoloLensDenyPolicy, compileSiPolicy } from "./app-control/index.ts";
import type { CompileCatalog } from "./catalog-port.ts";
import { policyGuidSegment } from "./oma-settings/application-control.ts";

export interface AppControlPolicyResult {
  /** SiPolicy XML, or null when app control is off or failed. */
  xml: string | null;
  binary: Uint8Array | null;
  /** `app-control/<GUID>` (no extension): the artifact files are `<base>.xml` and `<base>.cip`. */
  fileBase: string;
  /** What is denied, for reports and tests. */
  deniedApps: string[];
  packageFamilyNames: string[];
  fileNames: string[];
  diagnostics: Diagnostic[];
}

const APP_CONTROL_PATH = ["devices", "appControl"] as const;

export function compileAppControlPolicy(bp: Blueprint, catalog: Pick<CompileCatalog, "apps" | "findApp">): AppControlPolicyResult {
  const settings = bp.devices.appControl;
  const fileBase = `app-control/${policyGuidSegment(settings.policyId)}`;
  const empty: AppControlPolicyResult = { xml: null, binary: null, fileBase, deniedApps: [], packageFamilyNames: [], fileNames: [], diagnostics: [] };
  if (!settings.enabled) return empty;

  const diagnostics: Diagnostic[] = [];
  const denied = new Map<string, CatalogApp>();
  settings.blockApps.forEach((id, index) => {
    const app = catalog.findApp(id);
    if (!app || !app.denyAllowed || (!app.packageFamilyName && !app.fileName)) {
      diagnostics.push({
        severity: "error",
        code: "HF3401",
        message: !app
          ? `unknown app "${id}" in devices.appControl.blockApps`
          : !app.denyAllowed
            ? `app "${id}" must not be blocked`
            : `app "${id}" has no package family name or file name to deny`,
        ...(app && !app.denyAllowed ? { why: "clients call experts with it; blocking it defeats the program" } : {}),
        path: [...APP_CONTROL_PATH, "blockApps", index],
      });
      return;
    }
    denied.set(app.id, app);
  });
  if (settings.blockBrowser) {
    // Single sign-on would let a client open Teams on the web and read chat history (guide §CC chat history).
    for (const app of catalog.apps) if (app.browser && app.denyAllowed) denied.set(app.id, app);
  }
  if (diagnostics.length > 0) return { ...empty, diagnostics };

  const apps = [...denied.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const packageFamilyNames = [...new Set(apps.flatMap((a) => (a.packageFamilyName ? [a.packageFamilyName] : [])))].sort();
  const fileNames = [...new Set(apps.flatMap((a) => (a.fileName ? [a.fileName] : [])))].sort();
  const result = { ...empty, deniedApps: apps.map((a) => a.id), packageFamilyNames, fileNames };
  if (apps.length === 0) return result;

  try {
    const xml = buildHoloLensDenyPolicy({
      policyId: settings.policyId,
      name: settings.policyName,
      version: settings.policyVersion,
      packageFamilyNames,
      fileNames,
    });
    const binary = compileSiPolicy(xml, { file: `${fileBase}.xml` });
    return { ...result, xml, binary };
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    // The builder reports bad input as located diagnostics; anything else is a policy it could not encode.
    const reported = err instanceof UserError ? err.diagnostics : [];
    const list: Diagnostic[] = reported.length
      ? reported.map((d) => ({ ...d, path: [...APP_CONTROL_PATH] }))
      : [{ severity: "error", code: "HF3402", message: `the WDAC policy could not be built: ${err.message}`, path: [...APP_CONTROL_PATH] }];
    return { ...result, diagnostics: list };
  }
}
