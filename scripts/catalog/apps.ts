/**
 * HoloLens 2 apps for kiosks and app control: AUMIDs from the table in `docs/hololens-kiosk-reference.md`,
 * package family names from the table in `docs/windows-defender-application-control-wdac.md`, and the
 * `msedge.exe` file rule from that page's "block new Microsoft Edge" snippet. Friendly ids are ours.
 */
import type { CatalogApp } from "../../src/catalog/types.ts";
import { cleanCell, parseMarkdownTables } from "./markdown.ts";
import { ReferenceFormatError, sourceOf, type ReferenceFile } from "./reference.ts";
import { compareText } from "./sort.ts";

/** Display name in either table → friendly id. `null` = a row the catalog leaves out on purpose. */
const FRIENDLY_IDS: Record<string, string | null> = {
  "3D Viewer": "3d-viewer",
  "App Installer": "app-installer",
  Calendar: "calendar",
  Camera: "camera",
  Cortana: "cortana",
  // HoloLens (1st gen) only; holofleet targets HoloLens 2.
  "Device Picker on HoloLens (1st gen)": null,
  "Device Picker on HoloLens 2": "device-picker",
  "Dynamics 365 Guides": "dynamics-365-guides",
  "Dynamics 365 Remote Assist": "remote-assist",
  "Feedback Hub": "feedback-hub",
  "File Explorer": "file-explorer",
  Mail: "mail",
  Mesh: "mesh",
  // No AUMID: the kiosk reference says to enable Camera and Device Picker instead.
  Miracast: null,
  "Microsoft Store": "store",
  "Movies & TV": "movies-tv",
  "New Microsoft Edge": "edge",
  "New Settings": "settings",
  "Old Microsoft Edge": "edge-legacy",
  "Old Settings": "settings-legacy",
  OneDrive: "onedrive",
  Photos: "photos",
  // The WDAC table's "Settings" is HolographicSystemSettings, the AUMID table's "Old Settings".
  Settings: "settings-legacy",
  Tips: "tips",
};

const BROWSERS = new Set(["edge", "edge-legacy"]);
/** `windows-defender-application-control-wdac.md`: Remote Assist is the calling app and must never be denied. */
const NEVER_DENY = new Set(["remote-assist"]);

function friendlyId(file: ReferenceFile, line: number, name: string): string | null {
  if (!(name in FRIENDLY_IDS)) throw new ReferenceFormatError(file.path, line, `app "${name}" has no friendly id; add it to FRIENDLY_IDS`);
  return FRIENDLY_IDS[name] ?? null;
}

function tableWithColumn(file: ReferenceFile, column: RegExp) {
  const table = parseMarkdownTables(file.text).find((t) => t.header.some((h) => column.test(h)));
  if (!table) throw new ReferenceFormatError(file.path, null, `no table with a column matching ${column}`);
  return table;
}

/** `FileName="msedge.exe"` of the new-Edge deny rule. */
export function parseEdgeFileName(wdac: ReferenceFile): string {
  const at = wdac.text.search(/block new Microsoft Edge/i);
  const m = at < 0 ? null : /<Deny\b[^>]*\bFileName="([^"]+)"/.exec(wdac.text.slice(at));
  if (!m?.[1]) throw new ReferenceFormatError(wdac.path, null, "no FileName in the new-Edge Deny rule");
  return m[1];
}

export function parseApps(kioskReference: ReferenceFile, wdac: ReferenceFile): CatalogApp[] {
  const apps = new Map<string, CatalogApp>();
  const aumidTable = tableWithColumn(kioskReference, /^AUMID$/i);
  for (const row of aumidTable.rows) {
    const name = cleanCell(row.cells[0] ?? "");
    const aumid = cleanCell(row.cells[1] ?? "");
    const id = friendlyId(kioskReference, row.line, name);
    if (id === null) continue;
    if (!/^[^!\s]+![^!\s]+$/.test(aumid)) throw new ReferenceFormatError(kioskReference.path, row.line, `"${aumid}" is not an AUMID`);
    apps.set(id, {
      id,
      displayName: name,
      aumid,
      // windows-defender-application-control-wdac.md: the package family name is the AUMID before `!`.
      packageFamilyName: aumid.slice(0, aumid.indexOf("!")),
      packageFamilyNameFrom: "aumid",
      fileName: null,
      kioskAllowed: true,
      denyAllowed: !NEVER_DENY.has(id),
      browser: BROWSERS.has(id),
      source: sourceOf(kioskReference),
    });
  }

  const pfnTable = tableWithColumn(wdac, /package family name/i);
  for (const row of pfnTable.rows) {
    const name = cleanCell(row.cells[0] ?? "");
    const pfn = cleanCell(row.cells[1] ?? "");
    const id = friendlyId(wdac, row.line, name);
    if (id === null) continue;
    if (!/^[A-Za-z0-9.-]+_[a-z0-9]{13}$/.test(pfn)) throw new ReferenceFormatError(wdac.path, row.line, `"${pfn}" is not a package family name`);
    const app = apps.get(id);
    if (app) {
      if (app.packageFamilyName?.toLowerCase() !== pfn.toLowerCase()) {
        throw new ReferenceFormatError(wdac.path, row.line, `${name}: PFN ${pfn} disagrees with the AUMID ${app.aumid}`);
      }
      app.packageFamilyName = pfn;
      app.packageFamilyNameFrom = "wdac-table";
      continue;
    }
    // Only in the WDAC table (App Installer): no AUMID, so it cannot be a kiosk app.
    apps.set(id, {
      id,
      displayName: name,
      aumid: null,
      packageFamilyName: pfn,
      packageFamilyNameFrom: "wdac-table",
      fileName: null,
      kioskAllowed: false,
      denyAllowed: !NEVER_DENY.has(id),
      browser: BROWSERS.has(id),
      source: sourceOf(wdac),
    });
  }

  const edge = apps.get("edge");
  if (!edge) throw new ReferenceFormatError(kioskReference.path, null, "no New Microsoft Edge row");
  edge.fileName = parseEdgeFileName(wdac);
  return [...apps.values()].sort((a, b) => compareText(a.id, b.id));
}
