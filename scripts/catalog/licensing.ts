/**
 * SKUs and service plans from Microsoft's "Product names and service plan identifiers for licensing"
 * CSV (one row per SKU × service plan), the company-resource plans the guide keeps from clients
 * (the exclusion table of hololens-facts §4), and the SKUs that carry information barriers.
 */
import type { Sku } from "../../src/catalog/types.ts";
import { parseCsv, CsvSyntaxError } from "./csv.ts";
import { parseMarkdownTables, cleanCell } from "./markdown.ts";
import { ReferenceFormatError, sourceOf, type ReferenceFile } from "./reference.ts";
import { compareText } from "./sort.ts";

export const LICENSING_CSV = "licensing/Product names and service plan identifiers for licensing.csv";

const HEADER = ["Product_Display_Name", "String_Id", "GUID", "Service_Plan_Name", "Service_Plan_Id", "Service_Plans_Included_Friendly_Names"];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every SKU of the CSV, keyed by its GUID (one String_Id, `MCOPSTN5`, names two products with two GUIDs). */
export function parseLicensingCsv(file: ReferenceFile): Sku[] {
  let records;
  try {
    records = parseCsv(file.text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new ReferenceFormatError(file.path, err.line, err.message);
    throw err;
  }
  const [header, ...rows] = records;
  if (!header || header.fields.join(",") !== HEADER.join(",")) throw new ReferenceFormatError(file.path, 1, `unexpected header; expected ${HEADER.join(",")}`);
  const skus = new Map<string, Sku>();
  for (const row of rows) {
    if (row.fields.length !== HEADER.length) throw new ReferenceFormatError(file.path, row.line, `expected ${HEADER.length} fields, found ${row.fields.length}`);
    const [displayName = "", skuPartNumber = "", skuId = "", planName = "", planId = "", planFriendly = ""] = row.fields.map((f) => f.trim());
    if (!GUID.test(skuId) || !GUID.test(planId)) throw new ReferenceFormatError(file.path, row.line, "GUID or Service_Plan_Id is not a GUID");
    let sku = skus.get(skuId.toLowerCase());
    if (!sku) {
      sku = { skuPartNumber, skuId: skuId.toLowerCase(), displayName, servicePlans: [], source: sourceOf(file) };
      skus.set(sku.skuId, sku);
    } else if (sku.skuPartNumber !== skuPartNumber) {
      throw new ReferenceFormatError(file.path, row.line, `GUID ${skuId} is both ${sku.skuPartNumber} and ${skuPartNumber}`);
    }
    // The CSV repeats some SKU × plan rows verbatim; a plan is one entry per id.
    if (!sku.servicePlans.some((p) => p.id === planId.toLowerCase())) {
      sku.servicePlans.push({ name: planName, id: planId.toLowerCase(), friendlyName: planFriendly });
    }
  }
  for (const sku of skus.values()) sku.servicePlans.sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  return [...skus.values()].sort((a, b) => compareText(a.skuPartNumber, b.skuPartNumber) || compareText(a.skuId, b.skuId));
}

/** The service plan that marks information-barrier capability (hololens-facts §14.1). */
export const INFORMATION_BARRIERS_PLAN = "INFORMATION_BARRIERS";

export function informationBarrierSkus(skus: readonly Sku[]): string[] {
  const names = skus.filter((s) => s.servicePlans.some((p) => p.name === INFORMATION_BARRIERS_PLAN)).map((s) => s.skuPartNumber);
  return [...new Set(names)].sort(compareText);
}

/**
 * Company-resource plans: the `Service_Plan_Name` column of the exclusion table in hololens-facts §4
 * plus the standalone OneDrive plans it names, minus `TEAMS1` — the same section warns that Remote
 * Assist calls run over Teams, so disabling it would break the product the clients get.
 * Every name must exist in the licensing CSV.
 */
export function parseCompanyResourcePlans(facts: ReferenceFile, skus: readonly Sku[]): string[] {
  const table = parseMarkdownTables(facts.text).find((t) => t.header.includes("Service_Plan_Name") && t.header.includes("Workload"));
  if (!table) throw new ReferenceFormatError(facts.path, null, "no Workload | Service_Plan_Name table");
  const column = table.header.indexOf("Service_Plan_Name");
  const names = table.rows.map((r) => cleanCell(r.cells[column] ?? ""));
  const oneDrive = /Standalone OneDrive plans[^:]*:(.*)$/m.exec(facts.text);
  if (!oneDrive) throw new ReferenceFormatError(facts.path, null, "no 'Standalone OneDrive plans' sentence");
  for (const m of (oneDrive[1] ?? "").matchAll(/`([A-Z0-9_]+)`/g)) names.push(m[1] ?? "");
  if (!/do not disable `TEAMS1`/.test(facts.text)) throw new ReferenceFormatError(facts.path, null, "the TEAMS1 caution is gone; re-check the company-resource plans");
  const known = new Set(skus.flatMap((s) => s.servicePlans.map((p) => p.name)));
  const plans = [...new Set(names.filter((n) => n !== "TEAMS1"))];
  for (const plan of plans) {
    if (!known.has(plan)) throw new ReferenceFormatError(facts.path, table.line, `service plan ${plan} is not in the licensing CSV`);
  }
  return plans.sort(compareText);
}
