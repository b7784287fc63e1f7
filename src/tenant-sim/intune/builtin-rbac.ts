/**
 * What every Intune tenant holds before anyone configures it: the built-in scope tag "Default" (id
 * "0", the tag graph-facts §5.1's profile body names in `roleScopeTagIds`; IntuneCD's backups show
 * it by that name) and the built-in Intune roles. Role ids are the same in every tenant (as
 * deploymenttheory/terraform-provider-microsoft365 lists them, `role_definition/constants.go`);
 * names and descriptions are the service's own strings, as Microsoft's page generated from
 * `roleDefinitions` prints them ("Built-in role permissions for Microsoft Intune", MicrosoftDocs/memdocs
 * `intune/fundamentals/role-based-access-control-reference.md`). The roles'
 * permission lists are not modelled (they answer empty `rolePermissions`).
 */
import type { SimStore } from "../framework.ts";
import type { SeedContext } from "../seed/context.ts";

export const ROLE_SCOPE_TAGS_KIND = "roleScopeTags";
export const ROLE_DEFINITIONS_KIND = "roleDefinitions";

export interface RoleScopeTagDoc {
  id: string;
  displayName: string;
  description: string | null;
  isBuiltIn: boolean;
}

export interface RoleDefinitionDoc {
  id: string;
  "@odata.type": string;
  displayName: string;
  description: string;
  isBuiltIn: boolean;
}

export const DEFAULT_SCOPE_TAG: RoleScopeTagDoc = { id: "0", displayName: "Default", description: null, isBuiltIn: true };

const ROLE_TYPE = "#microsoft.graph.deviceAndAppManagementRoleDefinition";

export const BUILT_IN_ROLES: readonly RoleDefinitionDoc[] = [
  {
    id: "c1d9fcbb-cba5-40b0-bf6b-527006585f4b",
    displayName: "Application Manager",
    description: "Application Managers manage mobile and managed applications, can read device information and can view device configuration profiles.",
  },
  {
    id: "c56d53a2-73d0-4502-b6bd-4a9d3dba28d5",
    displayName: "Endpoint Security Manager",
    description: "Manages security and compliance features such as security baselines, device compliance, conditional access, and Microsoft Defender ATP.",
  },
  {
    id: "9e0cc482-82df-4ab2-a24c-0c23a3f52e1e",
    displayName: "Help Desk Operator",
    description: "Help Desk Operators perform remote tasks on users and devices and can assign applications or policies to users or devices.",
  },
  {
    id: "fb2603eb-3c87-4be3-8b5b-d58a5b4a0bc0",
    displayName: "Intune Role Administrator",
    description: "Intune Role Administrators manage custom Intune roles and add assignments for built-in Intune roles. It is the only Intune role that can assign permissions to Administrators.",
  },
  {
    id: "0bd113fe-6be5-400c-a28f-ae5553f9c0be",
    displayName: "Policy and Profile manager",
    description: "Policy and Profile Managers manage compliance policy, configuration profiles, Apple enrollment and corporate device identifiers.",
  },
  {
    id: "fa1d7878-e8cb-41a1-8254-0142355c9f84",
    displayName: "Read Only Operator",
    description: "Read Only Operators view user, device, enrollment, configuration and application information and cannot make changes to Intune.",
  },
  {
    id: "2f9f4f7e-2d13-427b-adf2-361a1eef7ae8",
    displayName: "School Administrator",
    description: "School Administrators can manage apps and settings for their groups. They can take remote actions on devices, including remotely locking them, restarting them, and retiring them from management.",
  },
].map((r) => ({ ...r, "@odata.type": ROLE_TYPE, isBuiltIn: true }));

/** Seeds the Default scope tag and the built-in roles (idempotent). */
export function seedIntuneRbac(store: SimStore, _ctx: SeedContext): void {
  if (!store.get(ROLE_SCOPE_TAGS_KIND, DEFAULT_SCOPE_TAG.id)) store.put(ROLE_SCOPE_TAGS_KIND, DEFAULT_SCOPE_TAG);
  for (const role of BUILT_IN_ROLES) if (!store.get(ROLE_DEFINITIONS_KIND, role.id)) store.put(ROLE_DEFINITIONS_KIND, role);
}
