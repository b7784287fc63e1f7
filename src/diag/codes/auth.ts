/**
 * Targets and authentication (HF51xx, part of HF5 plan/apply and the Graph client): which tenant a
 * command talks to, and signing in to it.
 */
import type { CodeInfo } from "../codes.ts";

export const authCodes: Record<string, CodeInfo> = {
  // A Graph request the tenant refused, reaching the CLI uncaught (HF50xx).
  HF5001: { title: "Microsoft Graph refused a request" },
  HF5101: { title: "the local tenant has not been started (no tenant.json)" },
  HF5102: { title: "tenant.json is not valid" },
  HF5103: { title: "the local tenant's CA certificate cannot be read" },
  HF5104: { title: "the tenant to use is unclear or invalid" },
  HF5105: { title: "no credentials for the tenant" },
  HF5106: { title: "the client certificate cannot be used" },
  HF5107: { title: "the federated token file cannot be read" },
  HF5108: { title: "invalid --graph-url or --authority-url" },
  HF5109: { title: "the sign-in was refused" },
  HF5110: { title: "not signed in, or the sign-in has expired" },
  HF5111: { title: "the device code sign-in did not complete" },
  HF5112: { title: "the token cache cannot be read or written" },
  HF5113: { title: "the sign-in endpoint cannot be reached" },
};
