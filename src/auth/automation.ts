/**
 * Token providers for automation (no person involved), all through MSAL's confidential client and
 * its client credentials grant, tokens kept in memory only:
 * - client secret (`AZURE_CLIENT_SECRET`, or the local tenant's secret from tenant.json);
 * - certificate (`AZURE_CLIENT_CERTIFICATE_PATH`): MSAL signs a PS256 assertion with the key;
 * - federated token file (`AZURE_FEDERATED_TOKEN_FILE`, workload identity): the file's token is the
 *   `client_assertion`, read afresh on every token request because the platform rotates it.
 * `forceRefresh` (after a 401) skips MSAL's cache.
 */
import { readFileSync } from "node:fs";
import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import type { TokenProvider } from "../graph/types.ts";
import { loadClientCertificate } from "./client-certificate.ts";
import { AuthenticationError } from "./errors.ts";
import { msalSetup, signInFailure } from "./msal-config.ts";
import type { Credential, Target } from "./target.ts";

export interface ClosableTokenProvider extends TokenProvider {
  /** What signs in, for messages: `app <id> with a client secret`. Never a secret. */
  readonly description: string;
  close(): Promise<void>;
}

/** Reads the federated token, failing with a located, secret-free error. */
export function readFederatedToken(file: string, read: (p: string) => string = (p) => readFileSync(p, "utf8")): string {
  let token: string;
  try {
    token = read(file).trim();
  } catch (err) {
    throw new AuthenticationError("HF5107", `the federated token file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, {
      source: { file, start: { line: 1, col: 1 } },
      fix: "Point AZURE_FEDERATED_TOKEN_FILE at the token your platform projects (e.g. a Kubernetes service account token).",
      cause: err,
    });
  }
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token))
    throw new AuthenticationError("HF5107", `the federated token file ${file} does not hold a JWT`, {
      source: { file, start: { line: 1, col: 1 } },
      fix: "The file must contain the identity provider's signed token and nothing else.",
    });
  return token;
}

type AutomationCredential = Exclude<Credential, { kind: "user" }>;

export function automationTokenProvider(target: Target & { credential: AutomationCredential }): ClosableTokenProvider {
  const setup = msalSetup(target);
  const cred = target.credential;
  let auth: Configuration["auth"];
  let what: string;
  if (cred.kind === "clientSecret") {
    auth = { ...setup.auth, clientSecret: cred.clientSecret };
    what = "a client secret";
  } else if (cred.kind === "clientCertificate") {
    const cert = loadClientCertificate(cred.certificatePath, cred.password);
    auth = {
      ...setup.auth,
      clientCertificate: { thumbprintSha256: cert.thumbprintSha256, privateKey: cert.privateKeyPem, ...(cred.sendChain ? { x5c: cert.chainPem } : {}) },
    };
    what = `the certificate ${cert.subject} (SHA-256 ${cert.thumbprintSha256.slice(0, 16)}…)`;
  } else {
    readFederatedToken(cred.tokenFile);
    auth = { ...setup.auth, clientAssertion: async () => readFederatedToken(cred.tokenFile) };
    what = `the federated token in ${cred.tokenFile}`;
  }
  const app = new ConfidentialClientApplication({ auth, system: setup.system });
  const description = `app ${target.clientId} with ${what}`;
  return {
    description,
    async getToken({ forceRefresh }) {
      let result;
      try {
        result = await app.acquireTokenByClientCredential({ scopes: setup.scopes, skipCache: forceRefresh });
      } catch (err) {
        if (err instanceof AuthenticationError) throw err;
        const inner = (err as { cause?: unknown }).cause;
        if (inner instanceof AuthenticationError) throw inner;
        throw signInFailure(err, setup, target, `as ${description}`, "Check the credential and that the app is registered in this tenant.");
      }
      if (!result?.accessToken) throw new AuthenticationError("HF5109", `signing in as ${description} returned no access token`);
      return result.accessToken;
    },
    close: () => setup.network.close(),
  };
}
