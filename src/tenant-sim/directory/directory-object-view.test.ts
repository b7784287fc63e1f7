import { describe, expect, it } from "vitest";
import { directoryObjectView, withoutNeverReturned } from "./directory-object-view.ts";

describe("directoryObjectView", () => {
  const group = { id: "g", displayName: "G", hasMembersWithLicenseErrors: true, assignedLicenses: [], _members: ["u"] };

  it("groups: default property set, internal fields kept for the collection, never hasMembersWithLicenseErrors", () => {
    const view = directoryObjectView("groups", group, false);
    expect(view).toEqual({ "@odata.type": "#microsoft.graph.group", id: "g", displayName: "G", _members: ["u"] });
    expect(directoryObjectView("groups", group, true)).toEqual({ "@odata.type": "#microsoft.graph.group", id: "g", displayName: "G", assignedLicenses: [], _members: ["u"] });
  });

  it("devices keep every property; users get their default set", () => {
    expect(directoryObjectView("devices", { id: "d", physicalIds: ["[ZTDId]:x"] }, false)).toEqual({ "@odata.type": "#microsoft.graph.device", id: "d", physicalIds: ["[ZTDId]:x"] });
    expect(directoryObjectView("users", { id: "u", userPrincipalName: "a@b", usageLocation: "DE" }, false)).toEqual({ "@odata.type": "#microsoft.graph.user", id: "u", userPrincipalName: "a@b" });
  });

  it("withoutNeverReturned copies, leaving the stored document alone", () => {
    expect(withoutNeverReturned(group)).not.toHaveProperty("hasMembersWithLicenseErrors");
    expect(group.hasMembersWithLicenseErrors).toBe(true);
  });
});
