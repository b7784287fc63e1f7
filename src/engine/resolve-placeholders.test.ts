import { describe, expect, it } from "vitest";
import { DIRECTORY_OBJECTS_URL, referencedAddresses, resolveForPlan, resolvePlaceholders, type PlaceholderContext } from "./resolve-placeholders.ts";

const ids: Record<string, string> = {
  "user.a@x.test": "11111111-1111-1111-1111-111111111111",
  "group.devices": "22222222-2222-2222-2222-222222222222",
};
const ctx: PlaceholderContext = {
  idOf: (address) => {
    const id = ids[address];
    if (!id) throw new Error(`unknown ${address}`);
    return id;
  },
  skus: [
    {
      skuId: "aaaaaaaa-0000-0000-0000-000000000001",
      skuPartNumber: "SPE_E3",
      servicePlans: [
        { servicePlanId: "bbbbbbbb-0000-0000-0000-000000000001", servicePlanName: "EXCHANGE_S_ENTERPRISE" },
        { servicePlanId: "bbbbbbbb-0000-0000-0000-000000000002", servicePlanName: "TEAMS1" },
      ],
    },
  ],
  generatePassword: (n) => "p".repeat(n),
};

describe("resolvePlaceholders", () => {
  it("$ref → the id, and a directoryObjects URL inside an @odata.bind array", () => {
    const body = {
      target: { groupId: { $ref: "group.devices" } },
      "members@odata.bind": [{ $ref: "user.a@x.test" }],
    };
    expect(resolvePlaceholders(body, ctx)).toEqual({
      target: { groupId: "22222222-2222-2222-2222-222222222222" },
      "members@odata.bind": [`${DIRECTORY_OBJECTS_URL}11111111-1111-1111-1111-111111111111`],
    });
  });

  it("skuId and disabledPlans come from the tenant's subscriptions, not from the catalog values", () => {
    const body = {
      addLicenses: [
        {
          skuId: { $resolve: "skuId:SPE_E3", catalog: "05e9a617-0261-4cee-bb44-138d3ef5d965" },
          disabledPlans: { $resolve: "disabledPlans:SPE_E3", keep: ["TEAMS1", "INTUNE_A"], catalog: ["efb87545-963c-4e0d-99df-69c6916d9eb0"] },
        },
      ],
      removeLicenses: [],
    };
    expect(resolvePlaceholders(body, ctx)).toEqual({
      addLicenses: [{ skuId: "aaaaaaaa-0000-0000-0000-000000000001", disabledPlans: ["bbbbbbbb-0000-0000-0000-000000000001"] }],
      removeLicenses: [],
    });
  });

  it("disabledPlans: a plan the tenant's subscription has but the catalog never saw is disabled too", () => {
    const withNew = { ...ctx, skus: [{ ...ctx.skus[0]!, servicePlans: [...ctx.skus[0]!.servicePlans, { servicePlanId: "bbbbbbbb-0000-0000-0000-000000000009", servicePlanName: "NEW_PLAN" }] }] };
    expect(resolvePlaceholders({ d: { $resolve: "disabledPlans:SPE_E3", keep: ["TEAMS1"], catalog: [] } }, withNew)).toEqual({
      d: ["bbbbbbbb-0000-0000-0000-000000000001", "bbbbbbbb-0000-0000-0000-000000000009"],
    });
  });

  it("password:generate asks the generator for the compiled length", () => {
    expect(resolvePlaceholders({ passwordProfile: { password: { $resolve: "password:generate", length: 12 } } }, ctx)).toEqual({
      passwordProfile: { password: "pppppppppppp" },
    });
  });

  it("refuses what it cannot resolve instead of sending a placeholder to Graph", () => {
    expect(() => resolvePlaceholders({ s: { $resolve: "skuId:NOT_OWNED", catalog: "x" } }, ctx)).toThrow(/no subscription for NOT_OWNED/);
    expect(() => resolvePlaceholders({ s: { $resolve: "disabledPlans:NOT_OWNED", keep: [], catalog: [] } }, ctx)).toThrow(/no subscription for NOT_OWNED/);
    expect(() => resolvePlaceholders({ s: { $resolve: "disabledPlans:SPE_E3", catalog: [] } }, ctx)).toThrow(/keep list/);
    expect(() => resolvePlaceholders({ s: { $resolve: "servicePlanId:SPE_E3:SWAY", catalog: "x" } }, ctx)).toThrow(/unknown \$resolve/);
    expect(() => resolvePlaceholders({ s: { $resolve: "tenantId" } }, ctx)).toThrow(/unknown \$resolve/);
    expect(() => resolvePlaceholders({ s: { $ref: "group.nope" } }, ctx)).toThrow(/unknown group.nope/);
    expect(() => resolvePlaceholders({ s: { $resolve: "password:generate" } }, ctx)).toThrow(/integer length/);
  });

  it("leaves plain values alone and does not mutate its input", () => {
    const body = { a: 1, b: [true, null, "x"], c: { d: { $ref: "group.devices" } } };
    const copy = structuredClone(body);
    resolvePlaceholders(body, ctx);
    expect(body).toEqual(copy);
  });
});

describe("resolveForPlan", () => {
  const planCtx = { idOf: (a: string) => ids[a], skus: ctx.skus };

  it("an id that exists only after apply → { $unknown }, in binds and @odata.id too; known ids as at apply", () => {
    const body = {
      target: { groupId: { $ref: "group.devices" } },
      "members@odata.bind": [{ $ref: "user.a@x.test" }, { $ref: "user.new@x.test" }],
      "@odata.id": { $ref: "user.new@x.test" },
    };
    expect(resolveForPlan(body, planCtx)).toEqual({
      target: { groupId: "22222222-2222-2222-2222-222222222222" },
      "members@odata.bind": [`${DIRECTORY_OBJECTS_URL}11111111-1111-1111-1111-111111111111`, { $unknown: "user.new@x.test" }],
      "@odata.id": { $unknown: "user.new@x.test" },
    });
  });

  it("a password is never generated at plan time: { $sensitive: true }", () => {
    expect(resolveForPlan({ passwordProfile: { password: { $resolve: "password:generate", length: 12 } } }, planCtx)).toEqual({
      passwordProfile: { password: { $sensitive: true } },
    });
  });
});

describe("referencedAddresses", () => {
  it("lists every $ref, however deep", () => {
    expect(referencedAddresses({ a: [{ $ref: "x" }, { b: { $ref: "y" } }], c: { $resolve: "skuId:S" } })).toEqual(["x", "y"]);
  });
});
