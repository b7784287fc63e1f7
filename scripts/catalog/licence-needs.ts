/**
 * What a HoloLens external-client program needs licensed, from the reference, as the allow-list of
 * service plans client accounts keep: each need names the licence the reference gives for it, and every
 * service plan of that licence (its dependencies included) stays on; every other plan of an assigned SKU
 * is disabled. Each need is checked against the sentence that states it, so a reference that stops
 * saying so fails the generator instead of silently keeping a plan on.
 */
import type { LicenceNeed, Sku } from "../../src/catalog/types.ts";
import { cleanCell, parseMarkdownTables } from "./markdown.ts";
import { lineAt, ReferenceFormatError, sourceOf, type ReferenceFile } from "./reference.ts";

export const LICENCE_NEED_FILES = {
  guide: "docs/hololens2-deployment-guide.md",
  requirements: "docs/hololens-licenses-requirements.md",
  facts: "hololens-facts.md",
} as const;

type FileKey = keyof typeof LICENCE_NEED_FILES;

/** Where the licence of a need comes from: a row of hololens-facts §4's SKU table, or a product of the CSV. */
type LicenceFrom = { factsRow: string } | { csvProduct: string } | null;

interface NeedSpec {
  id: LicenceNeed["id"];
  title: string;
  /** The sentences that state the need; each must be in its file. */
  basis: { file: FileKey; pattern: RegExp; quote: string }[];
  licence: LicenceFrom;
  corePlan: string;
}

const GUIDE_SENTENCE = /The only licenses the users will need is Remote Assist, Intune, and Microsoft Entra ID licenses/;
const GUIDE_QUOTE = "guide §CC-company-resources: \"The only licenses the users will need is Remote Assist, Intune, and Microsoft Entra ID licenses\"";

const NEEDS: readonly NeedSpec[] = [
  {
    id: "entra-id",
    title: "Microsoft Entra ID",
    basis: [{ file: "guide", pattern: GUIDE_SENTENCE, quote: GUIDE_QUOTE }],
    licence: { factsRow: "Microsoft Entra ID P1" },
    corePlan: "AAD_PREMIUM",
  },
  {
    id: "intune",
    title: "Microsoft Intune",
    basis: [{ file: "guide", pattern: GUIDE_SENTENCE, quote: GUIDE_QUOTE }],
    licence: { factsRow: "Intune" },
    corePlan: "INTUNE_A",
  },
  {
    id: "remote-assist",
    title: "Dynamics 365 Remote Assist",
    basis: [
      { file: "guide", pattern: GUIDE_SENTENCE, quote: GUIDE_QUOTE },
      {
        file: "requirements",
        pattern: /#### Dynamics 365 Remote Assist user[\s\S]*?- Remote Assist license/,
        quote: "hololens-licenses-requirements.md, Dynamics 365 Remote Assist user: \"Remote Assist license\"",
      },
    ],
    licence: { factsRow: "Dynamics 365 Remote Assist" },
    corePlan: "MICROSOFT_REMOTE_ASSIST",
  },
  {
    id: "guides",
    title: "Dynamics 365 Guides",
    basis: [
      {
        file: "requirements",
        pattern: /#### Guides User[\s\S]*?Dynamics 365 Guides license/,
        quote: "hololens-licenses-requirements.md, Guides User: \"Dynamics 365 Guides license\" (and the Operator role, which is not a licence)",
      },
    ],
    licence: { csvProduct: "Dynamics 365 Guides" },
    corePlan: "GUIDES",
  },
  {
    id: "calling",
    title: "Microsoft Teams (calls to experts)",
    basis: [
      {
        file: "requirements",
        pattern: /Microsoft Teams is bundled with Remote Assist/,
        quote: "hololens-licenses-requirements.md: \"Microsoft Teams is bundled with Remote Assist\"",
      },
      { file: "facts", pattern: /do not disable `TEAMS1`/, quote: "hololens-facts §4: do not disable TEAMS1, calls run over Teams" },
    ],
    licence: null,
    corePlan: "TEAMS1",
  },
  {
    id: "information-barriers",
    title: "Information barriers",
    basis: [
      {
        file: "requirements",
        pattern: /you may need an Information Barriers license/,
        quote: "hololens-licenses-requirements.md: \"you may need an Information Barriers license\" (hololens-facts §14.1)",
      },
    ],
    licence: null,
    corePlan: "INFORMATION_BARRIERS",
  },
];

/** The skuPartNumber hololens-facts §4's SKU table gives a product, by its Product_Display_Name. */
function factsSku(facts: ReferenceFile, product: string): string {
  const table = parseMarkdownTables(facts.text).find((t) => t.header[0] === "Product_Display_Name" && t.header.some((h) => h.startsWith("String_Id")));
  if (!table) throw new ReferenceFormatError(facts.path, null, "no Product_Display_Name | String_Id SKU table");
  const column = table.header.findIndex((h) => h.startsWith("String_Id"));
  const row = table.rows.find((r) => cleanCell(r.cells[0] ?? "") === product);
  if (!row) throw new ReferenceFormatError(facts.path, table.line, `the SKU table has no row for ${product}`);
  return cleanCell(row.cells[column] ?? "");
}

function licenceSku(licence: NonNullable<LicenceFrom>, facts: ReferenceFile, skus: readonly Sku[]): Sku | undefined {
  if ("factsRow" in licence) {
    const part = factsSku(facts, licence.factsRow);
    return skus.find((s) => s.skuPartNumber === part);
  }
  return skus.find((s) => s.displayName === licence.csvProduct);
}

/**
 * The licence needs, in a fixed order (the order they are documented in). `read` gives the reference
 * files; `skus` is the parsed licensing CSV.
 */
export function parseLicenceNeeds(read: (path: string) => ReferenceFile, skus: readonly Sku[]): LicenceNeed[] {
  const files = Object.fromEntries(Object.entries(LICENCE_NEED_FILES).map(([key, path]) => [key, read(path)])) as Record<FileKey, ReferenceFile>;
  return NEEDS.map((spec) => {
    for (const basis of spec.basis) {
      const file = files[basis.file];
      if (!basis.pattern.test(file.text)) {
        throw new ReferenceFormatError(file.path, null, `no longer says what the ${spec.id} licence need rests on (${basis.pattern.source}); re-check the allow-list`);
      }
    }
    const licence = spec.licence;
    const sku = licence === null ? undefined : licenceSku(licence, files.facts, skus);
    if (licence !== null && !sku) throw new ReferenceFormatError(LICENCE_NEED_FILES.facts, null, `the licensing CSV has no SKU for ${JSON.stringify(licence)}`);
    const plans = sku ? sku.servicePlans.map((p) => p.name) : [spec.corePlan];
    if (!sku && !skus.some((s) => s.servicePlans.some((p) => p.name === spec.corePlan))) {
      throw new ReferenceFormatError(LICENCE_NEED_FILES.facts, null, `service plan ${spec.corePlan} is not in the licensing CSV`);
    }
    if (!plans.includes(spec.corePlan)) {
      throw new ReferenceFormatError(LICENCE_NEED_FILES.facts, null, `${sku?.skuPartNumber} does not carry ${spec.corePlan}, the plan that proves the ${spec.id} need`);
    }
    const basisFiles = [...new Set([...spec.basis.map((b) => b.file), ...(licence && "factsRow" in licence ? (["facts"] as const) : [])])];
    return {
      id: spec.id,
      title: spec.title,
      skuPartNumber: sku?.skuPartNumber ?? null,
      corePlan: spec.corePlan,
      plans: [...new Set(plans)],
      basis: spec.basis.map((b) => `${b.quote} (${files[b.file].path}:${lineAt(files[b.file].text, files[b.file].text.search(b.pattern))})`).join("; "),
      sources: [...basisFiles.map((key) => sourceOf(files[key])), ...(sku ? [sku.source] : [])],
    };
  });
}
