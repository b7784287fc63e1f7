/**
 * MSAL settings for a target: the authority `<authorityUrl>/<tenant>` listed in `knownAuthorities`
 * (host and port), so MSAL reads that authority's own OpenID metadata instead of asking
 * login.microsoftonline.com's instance discovery — which would fail offline and would send a local
 * tenant's address to Microsoft (local-https-auth.md §2–3) — and a network client that trusts the
 * target's CA. MSAL's own logging stays off: its messages can carry personal data.
 */
import type { Configuration, NodeAuthOptions } from "@azure/msal-node";
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
