import { Command, Help } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { commands } from "./commands/index.ts";
import { buildProgram, verbOf } from "./main.ts";

afterEach(() => vi.restoreAllMocks());

const argv = (...args: string[]) => ["node", "holofleet", ...args];

describe("verbOf", () => {
  it.each([
    [[], undefined],
    [["--help"], undefined],
    [["validate", "x.yaml"], "validate"],
    [["--verbose", "compile", "x.yaml", "--out", "o"], "compile"],
    [["help", "tenant"], "tenant"],
    [["tenant", "local", "start"], "tenant"],
  ])("%j → %s", (args, verb) => {
    expect(verbOf(argv(...args))).toBe(verb);
  });
});

describe("buildProgram", () => {
  it("--help → no command module is imported, every command is listed", async () => {
    const loads = commands.map((entry) => vi.spyOn(entry, "load"));
    const program = await buildProgram(argv("--help"));
    for (const load of loads) expect(load).not.toHaveBeenCalled();
    expect(program.commands.map((c) => c.name())).toEqual(commands.map((c) => c.name));
  });

  it("a command → only its module is imported", async () => {
    const loads = new Map(commands.map((entry) => [entry.name, vi.spyOn(entry, "load")]));
    await buildProgram(argv("validate", "x.yaml"));
    for (const [name, load] of loads) expect(load).toHaveBeenCalledTimes(name === "validate" ? 1 : 0);
  });

  it("the table's usage and description match what each command module registers (the top-level help stays true)", async () => {
    const help = new Help();
    for (const entry of commands) {
      const program = new Command("holofleet");
      (await entry.load())(program);
      const registered = program.commands.find((c) => c.name() === entry.name);
      expect(registered, entry.name).toBeDefined();
      expect(help.subcommandTerm(registered!)).toBe([entry.name, entry.usage].filter(Boolean).join(" "));
      expect(registered!.description()).toBe(entry.description);
    }
  });
});
