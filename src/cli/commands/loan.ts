import type { Command } from "commander";
export function registerLoan(program: Command): void { program.command("loan"); }
