import { describe, expect, it } from "vitest";
import { evaluateEntraJoin } from "./entra-join.ts";

const CLIENTS = "11111111-1111-4111-8111-111111111111";
const condition = { type: "entraJoin" as const, group: { $ref: "group.clients" } };
const ids = (address: string) => (address === "group.clients" ? CLIENTS : undefined);
const policy = (allowedToJoin: unknown) => ({ id: "deviceRegistrationPolicy", azureADJoin: { isAdminConfigurable: true, allowedToJoin } });

describe("evaluateEntraJoin", () => {
  it.each([
    ["all may join", policy({ "@odata.type": "#microsoft.graph.allDeviceRegistrationMembership" }), ids, "satisfied"],
    ["selected, with the clients group", policy({ "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership", users: [], groups: [CLIENTS] }), ids, "satisfied"],
    ["selected, without it", policy({ "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership", users: [], groups: ["aaaaaaaa-0000-4000-8000-000000000000"] }), ids, "unsatisfied"],
    ["selected, before the group exists", policy({ "@odata.type": "#microsoft.graph.enumeratedDeviceRegistrationMembership", users: [], groups: [] }), () => undefined, "unsatisfied"],
    ["none may join", policy({ "@odata.type": "#microsoft.graph.noDeviceRegistrationMembership" }), ids, "unsatisfied"],
    ["an unknown membership type", policy({ "@odata.type": "#microsoft.graph.someFutureMembership" }), ids, "unknown"],
    ["no azureADJoin", { id: "deviceRegistrationPolicy" }, ids, "unknown"],
  ] as const)("%s → %s", (_name, body, idOf, status) => {
    expect(evaluateEntraJoin(condition, body, idOf).status).toBe(status);
  });
});
