/**
 * Plan, apply and drift (HF52xx–HF56xx, part of HF5): planning errors, ownership, preflight, saved
 * plans and the local tenant's state as an operation sees it. HF51xx (sign-in) is codes/auth.ts.
 */
import type { CodeInfo } from "../codes.ts";

export const engineCodes: Record<string, CodeInfo> = {
  HF5201: { title: "a licence SKU the tenant is not subscribed to" },
  HF5202: { title: "an object holofleet does not create is missing from the tenant" },
  HF5203: { title: "a change Graph refuses as an update, on a kind holofleet cannot replace" },
  HF5204: { title: "reading the tenant failed" },
  HF5301: { title: "an object with the same identity exists and is not holofleet's" },
  HF5302: { title: "--adopt names nothing to adopt" },
  HF5401: { title: "the credentials reach another tenant than the blueprint names" },
  HF5402: { title: "a permission the plan needs is missing" },
  HF5403: { title: "a tenant precondition does not hold" },
  HF5404: { title: "the token's permissions could not be checked" },
  HF5405: { title: "a tenant precondition could not be checked" },
  HF5501: { title: "the tenant changed since the saved plan was made" },
  HF5502: { title: "the saved plan is for another blueprint or tenant" },
  HF5503: { title: "the saved plan file cannot be used" },
  HF5504: { title: "the apply ran but the fleet store did not record it" },
  HF5601: { title: "the local tenant is not running" },
};
