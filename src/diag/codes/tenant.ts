import type { CodeInfo } from "../codes.ts";

/** HF7xxx: the local tenant's lifecycle (`holofleet tenant local …`). */
export const tenantCodes: Record<string, CodeInfo> = {
  HF7001: { title: "the local tenant could not start" },
  HF7002: { title: "the local tenant is not running" },
  HF7003: { title: "tenant.json is missing or unreadable" },
  HF7004: { title: "the local tenant did not stop" },
  HF7005: { title: "a tenant for the blueprint needs a fresh state directory" },
};
