import { describe, expect, it } from "vitest";
import { stableObjectGuid, uuidV5 } from "./stable-guid.ts";

describe("uuidV5", () => {
  it("RFC 4122 DNS-namespace vector → the published UUID", () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") == 886313e1-3b8a-5372-9b90-0c9aee199e5d
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  });

  it("same tenant and purpose → same GUID; different purpose or tenant → different", () => {
    const a = stableObjectGuid("contoso.onmicrosoft.com", "kiosk-profile");
    expect(stableObjectGuid("CONTOSO.onmicrosoft.com", "kiosk-profile")).toBe(a);
    expect(stableObjectGuid("contoso.onmicrosoft.com", "app-control-policy")).not.toBe(a);
    expect(stableObjectGuid("fabrikam.onmicrosoft.com", "kiosk-profile")).not.toBe(a);
    expect(a).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
  });
});
