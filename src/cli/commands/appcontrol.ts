/**
 * `holofleet appcontrol compile|decode`: WDAC policies for admins who bring their own. `compile`
 * checks SiPolicy XML (well-formedness, Microsoft's XSD, references) and writes the binary the
 * ApplicationControl CSP takes; `decode` reads a `.cip`/`.p7b` back as SiPolicy XML or a summary of
 * what it denies. Outputs are written atomically (temporary file, then rename).
 */
import { randomBytes } from "node:crypto";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  compileSiPolicy,
  decodeSiPolicyWithInfo,
  deniedApps,
  parseSiPolicyXml,
  SiPolicyDecodeError,
  SiPolicyModelError,
  siPolicyModelToXml,
  type DecodedSiPolicy,
} from "../../compile/app-control/index.ts";
import { type Diagnostic, formatDiagnostic, hasErrors, UserError } from "../../diag/diagnostic.ts";
import { ExitCode } from "../run.ts";
import { writeDiagnostics } from "../views/diagnostics.ts";

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    const message = `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
    throw new UserError(message, [{ severity: "error", code: "HF9001", message, source: { file, start: { line: 1, col: 1 } } }], { cause: err });
  }
}

/** XML text from bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM, as PowerShell may write it. */
export function decodeXmlText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes);
}

/** Writes next to the target first and renames, so readers never see a half-written file. */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    const message = `cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
    throw new UserError(message, [{ severity: "error", code: "HF9002", message }], { cause: err });
  }
}

/** Text output shows the first diagnostics and counts the rest (views/diagnostics.ts). */
const print = (diagnostics: readonly Diagnostic[]): void => writeDiagnostics(diagnostics);

function decodeFailure(file: string, err: SiPolicyDecodeError | SiPolicyModelError): UserError {
  const d: Diagnostic = { severity: "error", code: "HF4201", message: err.message, source: { file, start: { line: 1, col: 1 } } };
  return new UserError(`${file}: not a readable WDAC policy`, [d], { cause: err });
}

/** A short human summary of a decoded policy: identity, options and what it denies. */
export function summarizeDecodedPolicy(decoded: DecodedSiPolicy): string {
  const { model } = decoded;
  const denied = deniedApps(model);
  const lines = [
    `format version ${decoded.formatVersion} (${decoded.container === "pkcs7" ? `PKCS#7, ${decoded.signed ? "signed" : "unsigned"}` : "raw"})`,
    `policy type      ${model.policyType ?? "Base Policy"}`,
    `policy id        ${model.policyId ?? model.policyTypeId ?? "-"}`,
    `base policy id   ${model.basePolicyId ?? "-"}`,
    `version          ${model.versionEx}`,
    `options          ${model.options.join(", ") || "-"}`,
    `rules            ${model.fileRules.length} file rules, ${model.signers.length} signers, ${model.signingScenarios.length} signing scenarios`,
    `enforced         ${denied.enforced ? "yes" : "no (audit mode: rules only log)"}`,
    `denied packages  ${denied.packageFamilyNames.join(", ") || "-"}`,
    `denied files     ${denied.fileNames.join(", ") || "-"}`,
  ];
  return lines.join("\n") + "\n";
}

export function registerAppControl(program: Command): void {
  const appcontrol = program.command("appcontrol").description("compile and decode WDAC (App Control for Business) policies");

  appcontrol
    .command("compile")
    .description("compile SiPolicy XML to the binary (.cip) the ApplicationControl CSP takes, byte-identical to ConvertFrom-CIPolicy")
    .argument("<policy.xml>", "SiPolicy XML")
    .requiredOption("--out <file.cip>", "where to write the binary")
    .action(async (file: string, options: { out: string }) => {
      const xml = decodeXmlText(await readInput(file));
      const { model, diagnostics } = await parseSiPolicyXml(xml, file);
      print(diagnostics);
      if (!model || hasErrors(diagnostics)) {
        process.stderr.write(`${file}: not compiled — nothing was written to ${options.out}\n`);
        throw new ExitCode(1);
      }
      const binary = compileSiPolicy(model);
      await writeFileAtomic(options.out, binary);
      const id = model.policyId ?? model.policyTypeId;
      process.stdout.write(`${file}: wrote ${binary.length} bytes to ${options.out}`);
      process.stdout.write(id ? ` (OMA-URI ./Vendor/MSFT/ApplicationControl/Policies/${id.replace(/[{}]/g, "")}/Policy)\n` : "\n");
    });

  appcontrol
    .command("decode")
    .description("read a binary WDAC policy (.cip, or .p7b) and print it as SiPolicy XML (--xml) or as a summary of what it denies")
    .argument("<file>", "binary policy (.cip or .p7b)")
    .option("--xml", "print SiPolicy XML instead of a summary")
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (file: string, options: { xml?: boolean; out?: string }) => {
      const bytes = await readInput(file);
      let decoded: DecodedSiPolicy;
      let output: string;
      try {
        decoded = decodeSiPolicyWithInfo(bytes);
        output = options.xml ? siPolicyModelToXml(decoded.model) : summarizeDecodedPolicy(decoded);
      } catch (err) {
        if (err instanceof SiPolicyDecodeError || err instanceof SiPolicyModelError) throw decodeFailure(file, err);
        throw err;
      }
      if (decoded.signed) {
        // Standard error, so that the XML or summary on standard output stays clean.
        const warning: Diagnostic = { severity: "warning", code: "HF4202", message: "the policy is signed; holofleet read it without verifying the signature", source: { file, start: { line: 1, col: 1 } } };
        process.stderr.write(formatDiagnostic(warning) + "\n");
      }
      if (options.out) {
        await writeFileAtomic(options.out, output);
        process.stderr.write(`${file}: wrote ${options.xml ? "SiPolicy XML" : "summary"} to ${options.out}\n`);
      } else {
        process.stdout.write(output);
      }
    });
}
