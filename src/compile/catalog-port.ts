/**
 * The slice of the HoloLens catalog the compiler reads. The real catalog module satisfies it
 * structurally; passing it as a value keeps the compiler's units pure and lets a test swap one
 * fact (a node's format, a SKU's plans) to prove a check can fail.
 */
import * as catalog from "../catalog/index.ts";
import type { CatalogApp, CspNode, FeatureMinimum, LicenceNeed, SettingsPage, ServicePlan, Sku } from "../catalog/types.ts";

export interface CompileCatalog {
  apps: readonly CatalogApp[];
  findApp(id: string): CatalogApp | undefined;
  findCspNode(omaUri: string): CspNode | undefined;
  findSettingsPage(id: string): SettingsPage | undefined;
  findSku(skuPartNumber: string): Sku | undefined;
  findServicePlan(name: string): ServicePlan | undefined;
  findFeatureMinimum(id: string): FeatureMinimum | undefined;
  /** What the program needs licensed: the allow-list behind each licence's `disabledPlans`. */
  licenceNeeds: readonly LicenceNeed[];
  /** Negative when `a` is older than `b`. */
  compareBuilds(a: string, b: string): number;
}

/** The generated catalog shipped with holofleet. */
export const defaultCatalog: CompileCatalog = {
  apps: catalog.apps,
  findApp: catalog.findApp,
  findCspNode: catalog.findCspNode,
  findSettingsPage: catalog.findSettingsPage,
  findSku: catalog.findSku,
  findServicePlan: catalog.findServicePlan,
  findFeatureMinimum: catalog.findFeatureMinimum,
  licenceNeeds: catalog.licenceNeeds,
  compareBuilds: catalog.compareBuilds,
};
