import { describe, expect, it } from "vitest";
import { storageCardBlocksProvisioning } from "./storage-card-blocks-provisioning.ts";
import { blueprintForCheck, FIXTURE_CLIENT, FIXTURE_HEAD } from "./test-support.ts";

const blueprint = (usb: string, allowStorageCard: boolean) =>
  blueprintForCheck(`${FIXTURE_HEAD}devices:\n  usb: ${usb}\n  restrictions:\n    allowStorageCard: ${allowStorageCard}\n${FIXTURE_CLIENT}`);

describe("storage-card-blocks-provisioning", () => {
  it.each(["off-allow-provisioning-packages", "on"])("storage cards off with usb %s → HF2053 warning at 9:23", (usb) => {
    const { bp, src } = blueprint(usb, false);
    const found = storageCardBlocksProvisioning(bp, src);
    expect(found.map((d) => [d.code, d.severity, d.source?.start.line, d.source?.start.col])).toEqual([["HF2053", "warning", 9, 23]]);
    expect(found[0]!.message).toContain(usb);
  });

  it("usb off (packages refused anyway) or storage cards on → no finding", () => {
    for (const [usb, card] of [["off", false], ["off-allow-provisioning-packages", true], ["on", true]] as const) {
      const { bp, src } = blueprint(usb, card);
      expect(storageCardBlocksProvisioning(bp, src), `${usb} ${card}`).toEqual([]);
    }
  });
});
