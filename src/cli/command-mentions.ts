/**
 * Which `holofleet` commands a piece of documentation names, and whether each exists in the CLI. A doc
 * names a command when it writes `holofleet <command> [<subcommand>…]` (optionally after `npx`) in inline
 * code or a fenced code block; `a|b` names each alternative. The commands are read from the commander
 * program itself, so the list can never drift from what the CLI accepts. A mention of a command that does
 * not exist is accepted only when its line says "planned".
 */
import type { Command } from "commander";

/** A command path the docs name, where it is, and whether its line marks it as planned. */
export interface CommandMention {
  /** Words after `holofleet`, e.g. `["tenant", "local", "start"]` (alternatives already split). */
  words: string[];
  line: number;
  planned: boolean;
}

/** One CLI command with its names (name and aliases) and subcommands, as commander holds them. */
export interface CommandNode {
  names: string[];
  subcommands: CommandNode[];
}

/** The command tree of a commander program (below the program itself). */
export function commandTree(program: Command): CommandNode[] {
  return program.commands.map((cmd) => ({ names: [cmd.name(), ...cmd.aliases()], subcommands: commandTree(cmd) }));
}

const WORD = "[a-z][a-z0-9-]*";
/** `holofleet` then words (each possibly `a|b|c`); stops at the first argument, option or placeholder. */
const MENTION = new RegExp(`(?<![\\w./-])(?:npx\\s+)?holofleet((?:[ \\t]+${WORD}(?:\\|${WORD})*)+)`, "g");

/** The text a reader sees as code: inline code spans and fenced code blocks, line by line. */
function codeOf(markdown: string): { text: string; line: number; lineText: string }[] {
  const out: { text: string; line: number; lineText: string }[] = [];
  let fenced = false;
  markdown.split("\n").forEach((lineText, i) => {
    if (/^\s*(```|~~~)/.test(lineText)) {
      fenced = !fenced;
      return;
    }
    if (fenced) {
      out.push({ text: lineText, line: i + 1, lineText });
      return;
    }
    for (const span of lineText.matchAll(/`([^`]+)`/g)) out.push({ text: span[1]!, line: i + 1, lineText });
  });
  return out;
}

/** Every command path a markdown text names in code, expanded over `a|b` alternatives. */
export function commandMentions(markdown: string): CommandMention[] {
  const mentions: CommandMention[] = [];
  for (const { text, line, lineText } of codeOf(markdown)) {
    for (const match of text.matchAll(MENTION)) {
      const groups = match[1]!.trim().split(/[ \t]+/).map((word) => word.split("|"));
      const planned = /\bplanned\b/i.test(lineText);
      // Expand alternatives: `tenant local start|stop` names two paths.
      let paths: string[][] = [[]];
      for (const alternatives of groups) paths = paths.flatMap((path) => alternatives.map((word) => [...path, word]));
      for (const words of paths) mentions.push({ words, line, planned });
    }
  }
  return mentions;
}

/**
 * The part of `words` that is no command: null when the words name an existing command (words after a
 * command without subcommands are its arguments), otherwise the path up to the first unknown word.
 */
export function unknownCommand(words: readonly string[], tree: readonly CommandNode[]): string[] | null {
  let level = tree;
  for (let i = 0; i < words.length; i++) {
    if (level.length === 0) return null;
    const node = level.find((n) => n.names.includes(words[i]!));
    if (!node) return words.slice(0, i + 1);
    level = node.subcommands;
  }
  return null;
}

/** The mentions of commands the program does not have and that the doc does not mark as planned. */
export function undocumentedCommands(markdown: string, program: Command): { command: string; line: number }[] {
  const tree = commandTree(program);
  return commandMentions(markdown).flatMap((mention) => {
    const unknown = unknownCommand(mention.words, tree);
    return unknown && !mention.planned ? [{ command: `holofleet ${unknown.join(" ")}`, line: mention.line }] : [];
  });
}
