/** The command table, sorted by verb. Each entry adds one command (and its subcommands). */
import type { Command } from "commander";
import { registerAppControl } from "./appcontrol.ts";
import { registerAudit } from "./audit.ts";
import { registerCompile } from "./compile.ts";
import { registerSchema } from "./schema.ts";
import { registerTenant } from "./tenant.ts";
import { registerValidate } from "./validate.ts";

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerAppControl, registerAudit, registerCompile, registerSchema, registerTenant, registerValidate];
