import { describe, expect, it } from "vitest";
import { handoffLines, handoffPdf, type HandoffSheet } from "./loan-handoff-sheet.ts";
import { pdfText } from "./pdf-text.testing.ts";

const SHEET: HandoffSheet = {
  programName: "contoso-field-support",
  organisation: "contoso.onmicrosoft.com",
  clientName: "Northwind Traders – Lyon",
  serial: "HL2-000201",
  accounts: ["northwind-op01@contoso.onmicrosoft.com"],
  expectedReturn: "2026-03-31T00:00:00.000Z",
  supportContact: "+49 30 1234567",
  issuedAt: "2026-01-15T09:00:00.000Z",
};

describe("handoffPdf", () => {
  it("the PDF's text → the device, the account, the return date, sign-in with email and PIN, the support contact", async () => {
    const text = await pdfText(await handoffPdf(SHEET));
    expect(text).toContain("HL2-000201");
    expect(text).toContain("northwind-op01@contoso.onmicrosoft.com");
    expect(text).toContain("Due back: 2026-03-31");
    expect(text).toContain("PIN");
    expect(text).toContain("+49 30 1234567");
    expect(text).toContain("Northwind Traders – Lyon"); // en dash is in WinAnsi
  });

  it("a character the standard font lacks → `?`, the sheet is still made", async () => {
    const text = await pdfText(await handoffPdf({ ...SHEET, clientName: "Kōbe 製作所" }));
    expect(text).toContain("K?be ???");
  });

  it("no support contact → the sheet names the organisation that lent the device", () => {
    expect(handoffLines({ ...SHEET, supportContact: null })).toContain("Contact contoso.onmicrosoft.com, who lent you this device.");
  });
});
