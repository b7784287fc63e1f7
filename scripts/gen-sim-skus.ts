/**
 * Writes `src/tenant-sim/generated/skus.json`: the five SKUs the local tenant owns
 * (`MICROSOFT_REMOTE_ASSIST`, `INTUNE_A`, `AAD_PREMIUM`, `ENTERPRISEPACK`, `SPE_E3`) with their
 * service plans, taken from Microsoft's licensing CSV ("Product names and service plan identifiers
 * for licensing") in the reference folder (`$HOLOFLEET_REFERENCE_DIR`, default
 * `<repo>/../shared/reference`), so the product needs no reference folder at run time.
 * Run: `npx tsx scripts/gen-sim-skus.ts`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const TENANT_SKUS = ["MICROSOFT_REMOTE_ASSIST", "INTUNE_A", "AAD_PREMIUM", "ENTERPRISEPACK", "SPE_E3"] as const;

export interface GeneratedSku {
  skuPartNumber: string;
  skuId: string;
  productDisplayName: string;
  servicePlans: { servicePlanId: string; servicePlanName: string }[];
}

/**
 * RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). Hand-written because the project has
 * no CSV dependency and this one-off generator needs only these few lines.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Groups the CSV's one-row-per-service-plan layout into SKUs, in `wanted` order. */
export function skusFromLicensingCsv(csv: string, wanted: readonly string[]): GeneratedSku[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error("licensing CSV is empty");
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`licensing CSV has no column ${name}`);
    return i;
  };
  const [cName, cString, cGuid, cPlan, cPlanId] = [
    col("Product_Display_Name"),
    col("String_Id"),
    col("GUID"),
    col("Service_Plan_Name"),
    col("Service_Plan_Id"),
  ];
  const bySku = new Map<string, GeneratedSku>();
  for (const r of rows) {
    const partNumber = (r[cString] ?? "").trim();
    if (!wanted.includes(partNumber)) continue;
    let sku = bySku.get(partNumber);
    if (!sku) {
      sku = { skuPartNumber: partNumber, skuId: (r[cGuid] ?? "").trim(), productDisplayName: (r[cName] ?? "").trim(), servicePlans: [] };
      bySku.set(partNumber, sku);
    }
    if (sku.skuId !== (r[cGuid] ?? "").trim()) throw new Error(`${partNumber} has two GUIDs in the licensing CSV`);
    const planId = (r[cPlanId] ?? "").trim();
    if (!sku.servicePlans.some((p) => p.servicePlanId === planId)) {
      sku.servicePlans.push({ servicePlanId: planId, servicePlanName: (r[cPlan] ?? "").trim() });
    }
  }
  return wanted.map((w) => {
    const sku = bySku.get(w);
    if (!sku) throw new Error(`licensing CSV has no SKU ${w}`);
    sku.servicePlans.sort((a, b) => a.servicePlanName.localeCompare(b.servicePlanName));
    return sku;
  });
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isEntry) {
  const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
  const referenceDir = process.env.HOLOFLEET_REFERENCE_DIR ?? resolve(repoRoot, "../shared/reference");
  const csvFile = resolve(referenceDir, "licensing/Product names and service plan identifiers for licensing.csv");
  const skus = skusFromLicensingCsv(readFileSync(csvFile, "utf8"), TENANT_SKUS);
  const doc = {
    "//": "DO NOT EDIT — run `npx tsx scripts/gen-sim-skus.ts`. From Microsoft's licensing CSV 'Product names and service plan identifiers for licensing' (reference/licensing/).",
    skus,
  };
  const outFile = resolve(repoRoot, "src/tenant-sim/generated/skus.json");
  writeFileSync(outFile, JSON.stringify(doc, null, 2) + "\n");
  console.log(`wrote ${skus.length} SKUs (${skus.map((s) => `${s.skuPartNumber}: ${s.servicePlans.length} plans`).join(", ")}) to src/tenant-sim/generated/skus.json`);
}
