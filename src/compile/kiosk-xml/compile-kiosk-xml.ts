/**
 * Kiosk settings → the AssignedAccessConfiguration XML HoloLens 2 reads from
 * `./Device/Vendor/MSFT/AssignedAccess/Configuration`: one multi-app profile that every user who signs in
 * gets (`v3:GlobalProfile`, guide §GR-5), optionally excluding device owners (`v5:Exclusions`). Shape
 * follows Microsoft's sample `kiosk-sample-global-multiapp-for-everyone[-excluding-device-owners].xml`.
 */
import { XMLBuilder } from "fast-xml-parser";
import type { KioskSettings } from "../../blueprint/types.ts";
import type { Diagnostic } from "../../diag/diagnostic.ts";
import type { CompileCatalog } from "../catalog-port.ts";

/** Namespaces of the AssignedAccess XSDs; the prefixes are the ones the HoloLens samples use. */
export const ASSIGNED_ACCESS_NS = {
  default: "http://schemas.microsoft.com/AssignedAccess/2017/config",
  rs5: "http://schemas.microsoft.com/AssignedAccess/201810/config",
  v3: "http://schemas.microsoft.com/AssignedAccess/2020/config",
  // HoloLens `Exclusions` live in 202010, not in 2022 that Windows 11 samples also call v5
  // (schemas/assigned-access/README.md).
  v5: "http://schemas.microsoft.com/AssignedAccess/202010/config",
} as const;

const START_LAYOUT_NS = {
  default: "http://schemas.microsoft.com/Start/2014/LayoutModification",
  defaultlayout: "http://schemas.microsoft.com/Start/2014/FullDefaultLayout",
  start: "http://schemas.microsoft.com/Start/2014/StartLayout",
} as const;

/** The AssignedAccess XSD's `guid_t`: braces required. */
const BRACED_GUID = /^\{[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\}$/;

/** Start grid as in the samples: 6 cells wide, 2x2 tiles, so three tiles per row. */
const GROUP_CELL_WIDTH = 6;
const TILE_CELLS = 2;

export interface KioskXmlResult {
  /** The XML, or null when the kiosk is disabled or an error prevented building it. */
  xml: string | null;
  /** AUMIDs in the order they appear in AllowedApps. */
  aumids: string[];
  diagnostics: Diagnostic[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  cdataPropName: "#cdata",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

const KIOSK_PATH = ["devices", "kiosk"] as const;

function diag(code: string, message: string, path: (string | number)[], fix?: string): Diagnostic {
  return { severity: "error", code, message, path: [...KIOSK_PATH, ...path], ...(fix ? { fix } : {}) };
}

/** The StartLayout payload: a LayoutModificationTemplate with one 2x2 tile per allowed app. */
function startLayoutXml(aumids: readonly string[]): string {
  const tiles = aumids.map((aumid, i) => ({
    "@_Size": `${TILE_CELLS}x${TILE_CELLS}`,
    "@_Column": String((i % (GROUP_CELL_WIDTH / TILE_CELLS)) * TILE_CELLS),
    "@_Row": String(Math.floor(i / (GROUP_CELL_WIDTH / TILE_CELLS)) * TILE_CELLS),
    "@_AppUserModelID": aumid,
  }));
  return builder
    .build({
      LayoutModificationTemplate: {
        "@_xmlns": START_LAYOUT_NS.default,
        "@_xmlns:defaultlayout": START_LAYOUT_NS.defaultlayout,
        "@_xmlns:start": START_LAYOUT_NS.start,
        "@_Version": "1",
        LayoutOptions: { "@_StartTileGroupCellWidth": String(GROUP_CELL_WIDTH) },
        DefaultLayoutOverride: {
          StartLayoutCollection: {
            "defaultlayout:StartLayout": {
              "@_GroupCellWidth": String(GROUP_CELL_WIDTH),
              "start:Group": { "@_Name": "Apps", "start:Tile": tiles },
            },
          },
        },
      },
    })
    .trimEnd();
}

/**
 * Builds the kiosk XML from catalog app ids. Problems (unknown app, auto-launch app not in the list,
 * malformed profile id) come back as diagnostics and `xml: null`; a disabled kiosk gives `xml: null`
 * without diagnostics.
 */
export function compileKioskXml(kiosk: KioskSettings, catalog: Pick<CompileCatalog, "findApp">): KioskXmlResult {
  const diagnostics: Diagnostic[] = [];
  if (!kiosk.enabled) return { xml: null, aumids: [], diagnostics };

  if (!BRACED_GUID.test(kiosk.profileId)) {
    diagnostics.push(
      diag("HF3105", `kiosk profile id "${kiosk.profileId}" is not a GUID in braces`, ["profileId"], "write it as {8739C257-184F-45DD-8657-C235819172A3}"),
    );
  }

  const aumids: string[] = [];
  let autoLaunchAumid: string | null = null;
  kiosk.apps.forEach((id, index) => {
    const app = catalog.findApp(id);
    if (!app || !app.aumid) {
      diagnostics.push(
        diag("HF3101", app ? `app "${id}" has no AUMID, so it cannot be a kiosk app` : `unknown app "${id}"`, ["apps", index]),
      );
      return;
    }
    if (!app.kioskAllowed) {
      diagnostics.push(diag("HF3104", `app "${id}" cannot be shown in a HoloLens kiosk`, ["apps", index]));
      return;
    }
    // The XSD's ForbidDupApps rejects the same AUMID twice; two ids never share one in the catalog,
    // but the loader's duplicate check is by id, so guard here too.
    if (aumids.includes(app.aumid)) return;
    aumids.push(app.aumid);
    if (kiosk.autoLaunch === id) autoLaunchAumid = app.aumid;
  });

  if (kiosk.autoLaunch !== null && !kiosk.apps.includes(kiosk.autoLaunch)) {
    diagnostics.push(
      diag("HF3102", `auto-launch app "${kiosk.autoLaunch}" is not in devices.kiosk.apps`, ["autoLaunch"], "add it to the kiosk apps or set autoLaunch to null"),
    );
  }
  if (aumids.length === 0 && diagnostics.length === 0) {
    diagnostics.push(diag("HF3101", "the kiosk has no apps; the XSD requires at least one", ["apps"]));
  }
  if (diagnostics.length > 0) return { xml: null, aumids, diagnostics };

  const startLayout = startLayoutXml(aumids);
  // A CDATA section ends at the first "]]>"; the builder escapes ">" in attribute values, so the
  // generated layout cannot contain one. Fail loudly if that ever changes.
  if (startLayout.includes("]]>")) throw new Error("StartLayout payload contains a CDATA terminator");

  const excludeOwners = kiosk.exclusions.includes("device-owners");
  const doc = {
    "?xml": { "@_version": "1.0", "@_encoding": "utf-8" },
    AssignedAccessConfiguration: {
      "@_xmlns": ASSIGNED_ACCESS_NS.default,
      "@_xmlns:rs5": ASSIGNED_ACCESS_NS.rs5,
      "@_xmlns:v3": ASSIGNED_ACCESS_NS.v3,
      ...(excludeOwners ? { "@_xmlns:v5": ASSIGNED_ACCESS_NS.v5 } : {}),
      Profiles: {
        Profile: {
          "@_Id": kiosk.profileId,
          AllAppsList: {
            AllowedApps: {
              // Only the auto-launch app carries rs5:AutoLaunch: the XSD's OnlyOneAppCanHaveAutoLaunch
              // is an xs:unique on the attribute, so two "false" values would also be rejected.
              App: aumids.map((aumid) =>
                aumid === autoLaunchAumid ? { "@_AppUserModelId": aumid, "@_rs5:AutoLaunch": "true" } : { "@_AppUserModelId": aumid },
              ),
            },
          },
          StartLayout: { "#cdata": startLayout },
          Taskbar: { "@_ShowTaskbar": kiosk.showTaskbar ? "true" : "false" },
        },
      },
      Configs: {
        "v3:GlobalProfile": {
          "@_Id": kiosk.profileId,
          ...(excludeOwners ? { "v5:Exclusions": { "v5:SpecialGroup": { "@_Name": "DeviceOwner" } } } : {}),
        },
      },
    },
  };
  return { xml: builder.build(doc), aumids, diagnostics };
}
