import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { loadBlueprint } from "../blueprint/load.ts";
import { compile } from "../compile/compile.ts";
import { commandMentions, commandTree, undocumentedCommands, unknownCommand } from "./command-mentions.ts";
import { commands } from "./commands/index.ts";

/** A small program shaped like holofleet's: commands, a nested group, an alias. */
function sampleProgram(): Command {
  const program = new Command("holofleet");
  program.command("validate <blueprint>");
  const tenant = program.command("tenant");
  const local = tenant.command("local");
  for (const verb of ["start", "stop"]) local.command(verb);
  program.command("appcontrol").alias("ac").command("decode <file>");
  return program;
}

describe("commandMentions", () => {
  it("reads holofleet commands from inline code and fenced blocks, not from prose", () => {
    const md = [
      "holofleet lets you plan things (prose: not a command).",
      "Run `holofleet validate <file>` or `npx holofleet tenant local start|stop`.",
      "```sh",
      "holofleet apply x.yaml   # planned",
      "```",
      "`holofleet.yaml` is a file name, and `holofleet …` names nothing.",
    ].join("\n");
    expect(commandMentions(md)).toEqual([
      { words: ["validate"], line: 2, planned: false },
      { words: ["tenant", "local", "start"], line: 2, planned: false },
      { words: ["tenant", "local", "stop"], line: 2, planned: false },
      { words: ["apply", "x"], line: 4, planned: true },
    ]);
  });
});

describe("unknownCommand", () => {
  const tree = commandTree(sampleProgram());

  it("accepts existing commands, subcommands, aliases, and arguments after a leaf", () => {
    expect(unknownCommand(["validate", "examples"], tree)).toBeNull();
    expect(unknownCommand(["tenant", "local", "start"], tree)).toBeNull();
    expect(unknownCommand(["ac", "decode"], tree)).toBeNull();
  });

  it("names the first word that is no command", () => {
    expect(unknownCommand(["apply"], tree)).toEqual(["apply"]);
    expect(unknownCommand(["tenant", "local", "reset"], tree)).toEqual(["tenant", "local", "reset"]);
  });
});

describe("undocumentedCommands", () => {
  it("reports a command that does not exist, unless its line says planned", () => {
    const md = "`holofleet apply` makes the tenant match.\n`holofleet plan` (planned) shows the changes.\n`holofleet validate f`";
    expect(undocumentedCommands(md, sampleProgram())).toEqual([{ command: "holofleet apply", line: 1 }]);
  });
});

/** README.md, docs/** and every src/**\/README.md, as repository-relative paths. */
function documentationFiles(): string[] {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const walk = (dir: string): string[] =>
    readdirSync(root + dir).flatMap((name) => {
      const path = `${dir}/${name}`;
      if (name === "node_modules" || name.startsWith(".")) return [];
      return statSync(root + path).isDirectory() ? walk(path) : [path];
    });
  return [
    "README.md",
    ...walk("docs").filter((f) => f.endsWith(".md")),
    ...walk("src").filter((f) => f.endsWith("/README.md")),
  ].sort();
}

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

// Every command module loaded, subcommands included (the CLI itself loads only the one that runs).
const program = new Command("holofleet");
for (const entry of commands) (await entry.load())(program);

describe("the documentation names only commands the CLI has (or says they are planned)", () => {

  it("finds the documentation and the real command list", () => {
    expect(documentationFiles()).toEqual(expect.arrayContaining(["README.md", "docs/blueprint.md", "src/compile/README.md"]));
    expect(commandTree(program).map((c) => c.names[0])).toEqual(expect.arrayContaining(["validate", "compile", "tenant"]));
  });

  it.each(documentationFiles())("%s", (path) => {
    expect(undocumentedCommands(read(path), program)).toEqual([]);
  });

  it("the steps and scripts compile writes for the bundled examples too", () => {
    const examples = readdirSync(new URL("../../examples/", import.meta.url)).filter((f) => f.endsWith(".holofleet.yaml"));
    expect(examples.length).toBe(3);
    for (const example of examples) {
      const { blueprint } = loadBlueprint(read(`examples/${example}`), example);
      expect(blueprint, example).not.toBeNull();
      for (const mode of ["baseline", "scoped-directory-search", "information-barriers"] as const) {
        for (const artifact of compile({ ...blueprint!, isolation: { mode } }).artifacts) {
          if (typeof artifact.content !== "string" || !/\.(md|ps1)$/.test(artifact.file)) continue;
          // Scripts hold commands in comments: read every line as code.
          const text = artifact.file.endsWith(".ps1") ? "```\n" + artifact.content + "\n```" : artifact.content;
          expect(undocumentedCommands(text, program), `${example} ${artifact.file}`).toEqual([]);
        }
      }
    }
  });
});
