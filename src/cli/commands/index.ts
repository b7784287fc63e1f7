/** The command table, sorted by verb. Each entry adds one command (and its subcommands). */
import type { Command } from "commander";
import { registerAppControl } from "./appcontrol.ts";
import { registerCompile } from "./compile.ts";
import { registerLogin } from "./login.ts";
import { registerLogout } from "./logout.ts";
import { registerSchema } from "./schema.ts";
import { registerTenant } from "./tenant.ts";
import { registerValidate } from "./validate.ts";

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerAppControl, registerCompile, registerLogin, registerLogout, registerSchema, registerTenant, registerValidate];
