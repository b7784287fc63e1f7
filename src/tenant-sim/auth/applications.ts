/**
 * App registrations of the local tenant (store kind `applications`). A document is Graph's
 * `application` entity plus `_roles` (the Microsoft Graph application permissions an admin consented
 * to, which become the token's `roles`), `_servicePrincipalId` (the token's `oid`) and the SHA-256
 * of each client secret (`_secretHashes`; the secret itself is never stored in the document).
 */
import { X509Certificate, createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { SimStore } from "../framework.ts";

export const APPLICATIONS_KIND = "applications";

export interface AppKeyCredential {
  keyId: string;
  type: "AsymmetricX509Cert";
  usage: "Verify";
  displayName: string;
  /** Base64 SHA-1 thumbprint, as Graph shows `customKeyIdentifier`. */
  customKeyIdentifier: string;
  /** Base64 DER of the certificate. */
  key: string;
  startDateTime: string;
  endDateTime: string;
}

export interface AppPasswordCredential {
  keyId: string;
  displayName: string;
  hint: string;
  secretText: null;
  startDateTime: string;
  endDateTime: string;
}

export interface ApplicationDoc {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  signInAudience: "AzureADMyOrg";
  passwordCredentials: AppPasswordCredential[];
  keyCredentials: AppKeyCredential[];
  _roles: string[];
  _servicePrincipalId: string;
  _secretHashes: Record<string, string>;
  /** "Allow public client flows": the device-code flow may redeem codes without a client credential. */
  isFallbackPublicClient?: boolean;
  /** Delegated Microsoft Graph permissions an admin consented to for all users (a delegated token's `scp`). */
  _delegatedScopes?: string[];
  /** Graph's `federatedIdentityCredentials` (workload identity federation). */
  federatedIdentityCredentials?: FederatedIdentityCredential[];
  /** Graph's `application.web`: where the authorization endpoint may send a code. */
  web?: { redirectUris: string[] };
  /**
   * Graph's `groupMembershipClaims`: which groups the ID and access tokens list in `groups`
   * (`None`, `SecurityGroup`, `All`; `DirectoryRole` and `ApplicationGroup` list none here).
   */
  groupMembershipClaims?: string | null;
}

/** Graph's `federatedIdentityCredential`: which external tokens may stand in for a client credential. */
export interface FederatedIdentityCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string | null;
}

export interface NewApplication {
  displayName: string;
  roles: string[];
  /** PEM of a certificate to register as a credential (for `client_assertion`). */
  certificatePem?: string;
  /** Whether to create a client secret (default true). */
  withSecret?: boolean;
  appId?: string;
}

/** Entra client secrets are 40 characters from this alphabet; the first three are the `hint`. */
function generateClientSecret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";
  const bytes = randomBytes(40);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Registers an app and returns it with the one-time plaintext secret (when one was asked for). */
export function createApplication(
  store: SimStore,
  input: NewApplication,
  now: Date,
): { app: ApplicationDoc; clientSecret?: string } {
  const start = now.toISOString();
  const end = new Date(now.getTime() + 2 * 365 * 86_400_000).toISOString();
  const app: ApplicationDoc = {
    id: randomUUID(),
    appId: input.appId ?? randomUUID(),
    displayName: input.displayName,
    createdDateTime: start,
    signInAudience: "AzureADMyOrg",
    passwordCredentials: [],
    keyCredentials: [],
    _roles: [...new Set(input.roles)].sort(),
    _servicePrincipalId: randomUUID(),
    _secretHashes: {},
  };
  let clientSecret: string | undefined;
  if (input.withSecret !== false) {
    clientSecret = generateClientSecret();
    const keyId = randomUUID();
    app.passwordCredentials.push({
      keyId,
      displayName: "holofleet",
      hint: clientSecret.slice(0, 3),
      secretText: null,
      startDateTime: start,
      endDateTime: end,
    });
    app._secretHashes[keyId] = sha256(clientSecret);
  }
  if (input.certificatePem) app.keyCredentials.push(keyCredentialFor(input.certificatePem));
  store.put(APPLICATIONS_KIND, app);
  return { app, clientSecret };
}

function keyCredentialFor(certPem: string): AppKeyCredential {
  const cert = new X509Certificate(certPem);
  return {
    keyId: randomUUID(),
    type: "AsymmetricX509Cert",
    usage: "Verify",
    displayName: cert.subject.replace(/\n/g, ", "),
    customKeyIdentifier: createHash("sha1").update(cert.raw).digest("base64"),
    key: cert.raw.toString("base64"),
    startDateTime: new Date(cert.validFrom).toISOString(),
    endDateTime: new Date(cert.validTo).toISOString(),
  };
}

export function findApplication(store: SimStore, appId: string): ApplicationDoc | undefined {
  return store.list<ApplicationDoc>(APPLICATIONS_KIND).find((a) => a.appId.toLowerCase() === appId.toLowerCase());
}

export function secretMatches(app: ApplicationDoc, secret: string): boolean {
  const given = Buffer.from(sha256(secret), "hex");
  return Object.values(app._secretHashes).some((h) => {
    const stored = Buffer.from(h, "hex");
    return stored.length === given.length && timingSafeEqual(stored, given);
  });
}

/**
 * The registered certificate a client assertion names: by `x5t#S256` (base64url SHA-256 of the DER,
 * what msal-node 7 sends) or the legacy `x5t` (base64url SHA-1).
 */
export function findAssertionCertificate(
  app: ApplicationDoc,
  header: { "x5t#S256"?: unknown; x5t?: unknown },
): X509Certificate | undefined {
  for (const kc of app.keyCredentials) {
    const der = Buffer.from(kc.key, "base64");
    const s256 = createHash("sha256").update(der).digest("base64url");
    const s1 = createHash("sha1").update(der).digest("base64url");
    if (header["x5t#S256"] === s256 || header.x5t === s1) return new X509Certificate(der);
  }
  return undefined;
}

/**
 * Whether `uri` is one of the app's registered web redirect URIs, matched as Entra matches them:
 * exactly, except that for an `http` loopback URI (`localhost`, `127.0.0.1`) the port is ignored,
 * because a local app listens on whatever port it gets (RFC 8252 §7.3; Entra's redirect URI rules).
 * Scheme, host and path must still match.
 */
export function redirectUriRegistered(app: ApplicationDoc, uri: string): boolean {
  const registered = app.web?.redirectUris ?? [];
  if (registered.includes(uri)) return true;
  const loopback = (u: URL) => u.protocol === "http:" && (u.hostname === "localhost" || u.hostname === "127.0.0.1");
  let asked: URL;
  try {
    asked = new URL(uri);
  } catch {
    return false;
  }
  if (!loopback(asked) || asked.hash) return false;
  return registered.some((r) => {
    let reg: URL;
    try {
      reg = new URL(r);
    } catch {
      return false;
    }
    return loopback(reg) && reg.hostname === asked.hostname && reg.pathname === asked.pathname && reg.search === asked.search;
  });
}
