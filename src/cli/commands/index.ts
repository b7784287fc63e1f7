/** The command table, sorted by verb. Each entry adds one command (and its subcommands). */
import type { Command } from "commander";

export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
