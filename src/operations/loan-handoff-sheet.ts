/**
 * The handoff sheet that travels with a shipped device: the device, the client's account(s), how to sign
 * in (email and PIN — the guide: "Don't share usernames nor password with clients"), when it is due back
 * and whom to call. Never a password: the sheet is built from a type that has no field for one.
 * pdf-lib (pinned, ARCHITECTURE.md §4) writes the PDF with a standard font, so no font file ships.
 */
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";

export interface HandoffSheet {
  programName: string;
  organisation: string;
  clientName: string;
  serial: string;
  accounts: readonly string[];
  expectedReturn: string;
  supportContact: string | null;
  /** When the sheet was made (ISO). */
  issuedAt: string;
}

/** The text of the sheet, line by line (also what the test compares the PDF's text with). */
export function handoffLines(s: HandoffSheet): string[] {
  return [
    `HoloLens 2 handoff - ${s.clientName}`,
    "",
    `Device serial number: ${s.serial}`,
    `Account${s.accounts.length > 1 ? "s" : ""}: ${s.accounts.join(", ")}`,
    `Due back: ${s.expectedReturn.slice(0, 10)}`,
    "",
    "How to sign in",
    "1. Put on the device and turn it on; it joins your Wi-Fi network when asked.",
    "2. Enter the account's email address shown above.",
    "3. Sign in with the PIN your contact gives you by phone. Nobody will send you a password.",
    "4. Remote Assist opens on its own; call the expert you were given.",
    "",
    "Support",
    s.supportContact ? `Contact: ${s.supportContact}` : `Contact ${s.organisation}, who lent you this device.`,
    "",
    `Program ${s.programName}, issued ${s.issuedAt.slice(0, 10)}.`,
  ];
}

/** Characters the standard font cannot draw (outside WinAnsi) become `?` rather than failing the shipment. */
function drawable(font: PDFFont, text: string): string {
  return [...text]
    .map((c) => {
      try {
        font.encodeText(c);
        return c;
      } catch {
        return "?";
      }
    })
    .join("");
}

export async function handoffPdf(s: HandoffSheet): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`HoloLens 2 handoff ${s.serial}`);
  doc.setProducer("holofleet");
  doc.setCreationDate(new Date(s.issuedAt));
  doc.setModificationDate(new Date(s.issuedAt));
  const page = doc.addPage([595.28, 841.89]); // A4 in points
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let y = 790;
  handoffLines(s).forEach((line, i) => {
    const heading = i === 0 || line === "How to sign in" || line === "Support";
    const f = heading ? bold : font;
    if (line) page.drawText(drawable(f, line), { x: 56, y, size: i === 0 ? 18 : 11, font: f });
    y -= i === 0 ? 28 : 17;
  });
  return doc.save();
}
