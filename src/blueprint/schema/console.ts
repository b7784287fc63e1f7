/**
 * `console`: how people sign in to holofleet's web console. `entraSignIn.roles` maps Entra groups to
 * the console's roles; a group is one holofleet declares for the console (`console-admins`,
 * `console-operators`, `console-viewers`: the compiler creates the security group, the admin adds
 * members) or any Entra group by its object id (e.g. an existing IT team's group).
 */
import { z } from "zod";
import { suggest } from "../suggest.ts";
import { documented, uniqueList } from "./common.ts";

/** The groups holofleet declares for the console when a role names them (`group.<key>` in the compile). */
export const CONSOLE_GROUP_KEYS = ["console-admins", "console-operators", "console-viewers"] as const;
export type ConsoleGroupKey = (typeof CONSOLE_GROUP_KEYS)[number];

const OBJECT_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isConsoleGroupKey(ref: string): ref is ConsoleGroupKey {
  return (CONSOLE_GROUP_KEYS as readonly string[]).includes(ref);
}

/** A group reference: a console group key, or an Entra group object id (normalized to lower case). */
const groupRef = z
  .string()
  .trim()
  .superRefine((ref, ctx) => {
    if (isConsoleGroupKey(ref) || OBJECT_ID.test(ref)) return;
    const near = suggest(ref, CONSOLE_GROUP_KEYS, 1)[0];
    ctx.addIssue({
      code: "custom",
      message: `unknown group "${ref}": expected ${CONSOLE_GROUP_KEYS.join(", ")} or an Entra group object id${near ? ` (did you mean ${near}?)` : ""}`,
      params: {
        hf: "HF1020",
        why: "The console gives a role to the members of these groups; a name holofleet does not declare would match nobody.",
        fix: `Use one of ${CONSOLE_GROUP_KEYS.join(", ")} (holofleet creates it), or the object id of an existing Entra group.`,
      },
    });
  })
  .transform((ref) => (isConsoleGroupKey(ref) ? ref : ref.toLowerCase()));

const roleGroups = (role: string, description: string) =>
  documented(uniqueList(groupRef).default([]), { description: `Groups whose members get the ${role} role: ${description}` });

export const consoleSchema = documented(
  z.strictObject({
    entraSignIn: documented(
      z
        .strictObject({
          roles: documented(
            z.strictObject({
              admin: roleGroups("admin", "everything operators can, and managing the console's local accounts."),
              operator: roleGroups("operator", "prepare, ship and return devices, rotate passwords, run an audit."),
              viewer: roleGroups("viewer", "read every page, change nothing."),
            }),
            {
              description:
                "Which Entra groups give which console role. A person gets the highest role of the groups they are in (nested groups count); someone in none of them is refused. A group is `console-admins`, `console-operators` or `console-viewers` (holofleet creates that security group, `<namingPrefix> Console admins` and so on; add the people to it), or the object id of any Entra security group.",
            },
          ),
        })
        .superRefine((value, ctx) => {
          if (value.roles.admin.length + value.roles.operator.length + value.roles.viewer.length > 0) return;
          ctx.addIssue({
            code: "custom",
            path: ["roles"],
            message: "entraSignIn.roles names no group: nobody could sign in with Entra ID",
            params: { hf: "HF1020", fix: "Name at least one group under admin, operator or viewer, or remove console.entraSignIn." },
          });
        })
        .nullable()
        .default(null),
      {
        description:
          "Sign-in to the console with Microsoft Entra ID (OpenID Connect, authorization code with PKCE) with holofleet's app registration, roles from group membership (the app's `groupMembershipClaims` must be `SecurityGroup` or `All`, and `/login/entra/callback` of the console a registered web redirect URI). Default: none, only the console's local accounts.",
      },
    ),
  }),
  { description: "The web console: who may sign in and with which role." },
);
