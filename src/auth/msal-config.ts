/**
 * MSAL settings for a target: the authority `<authorityUrl>/<tenant>` listed in `knownAuthorities`
 * (host and port), so MSAL reads that authority's own OpenID metadata instead of asking
 * login.microsoftonline.com's instance discovery — which would fail offline and would send a local
 * tenant's address to Microsoft (local-https-auth.md §2–3) — and a network client that trusts the
 * target's CA. MSAL's own logging stays off: its messages can carry personal data.
 */
import type { Configuration, NodeAuthOptions } from "@azure/msal-node";
import { AuthenticationError, describeMsalError } from "./errors.ts";
import type { Target } from "./target.ts";
import { msalNetworkClient, type ClosableNetworkClient } from "./network-client.ts";

export interface MsalSetup {
  auth: Pick<NodeAuthOptions, "clientId" | "authority" | "knownAuthorities">;
  system: NonNullable<Configuration["system"]>;
  network: ClosableNetworkClient;
  /** `<graphResource>/.default`. */
  scopes: string[];
}

export function msalSetup(target: Target): MsalSetup {
  const network = msalNetworkClient({ ca: target.caPem });
  return {
    auth: {
      clientId: target.clientId,
      authority: `${target.authorityUrl}/${target.tenant}`,
      knownAuthorities: [new URL(target.authorityUrl).host],
    },
    system: { networkClient: network, loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => {} } },
    network,
    scopes: [`${target.graphResource}/.default`],
  };
}

/**
 * The error for a failed MSAL call: HF5113 when the sign-in endpoint gave no answer (with the real
 * cause MSAL hides), else HF5109 with Entra's reason.
 */
export function signInFailure(err: unknown, setup: MsalSetup, target: Target, what: string, fix: string): AuthenticationError {
  const unreachable = setup.network.lastFailure();
  if (unreachable)
    return new AuthenticationError("HF5113", `the sign-in endpoint cannot be reached: ${unreachable}`, {
      fix: target.kind === "local" ? "Start the local tenant with `holofleet tenant local start`." : "Check the network (proxy, firewall) and --authority-url.",
      cause: err,
    });
  return new AuthenticationError("HF5109", `signing in to ${target.authorityUrl}/${target.tenant} ${what} failed: ${describeMsalError(err)}`, { fix, cause: err });
}
