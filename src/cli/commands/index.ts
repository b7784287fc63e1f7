/** The command table, sorted by verb. Each entry adds one command (and its subcommands). */
import type { Command } from "commander";
import { registerCompile } from "./compile.ts";
import { registerSchema } from "./schema.ts";
import { registerValidate } from "./validate.ts";

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerCompile, registerSchema, registerValidate];
