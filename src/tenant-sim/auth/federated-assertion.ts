/**
 * Workload identity federation: a `client_assertion` issued by an external identity provider (a
 * Kubernetes service account token, a CI job's OIDC token) stands in for the app's secret when the
 * app has a federated identity credential whose issuer, subject and audience
 * (`api://AzureADTokenExchange`) all match the assertion, and the assertion is signed by a key of
 * that issuer. Entra fetches an issuer's keys from its OpenID metadata; the local tenant makes no
 * outbound calls, so the keys (a JWKS) are registered through `POST /_sim/federated-issuers`.
 * Errors as Entra words them (AADSTS700211 / 700213 / 700212 for no matching issuer, subject or
 * audience, 50166 for an issuer whose keys cannot be had, 700024 / 700027 for time and signature).
 */
import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JSONWebKeySet } from "jose";
import type { SimStore } from "../framework.ts";
import type { ApplicationDoc } from "./applications.ts";

export const FEDERATED_ISSUERS_KIND = "_simFederatedIssuers";
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
/** The clock skew Entra tolerates on assertions. */
const CLOCK_TOLERANCE_SECONDS = 300;

export interface FederatedIssuerDoc {
  /** The issuer URL, exactly as tokens carry it in `iss`. */
  id: string;
  jwks: JSONWebKeySet;
}

/** A federated assertion names an external issuer; a certificate assertion has `iss` = the client id. */
export function isFederatedAssertion(app: ApplicationDoc, assertion: string): boolean {
  try {
    const { iss } = decodeJwt(assertion);
    return typeof iss === "string" && iss.toLowerCase() !== app.appId.toLowerCase();
  } catch {
    return false;
  }
}

const MISMATCH_HINT = "Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.";

export async function checkFederatedAssertion(
  store: SimStore,
  app: ApplicationDoc,
  assertion: string,
): Promise<{ code: number; message: string } | undefined> {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(assertion);
  } catch {
    return { code: 50027, message: "JWT token is invalid or malformed." };
  }
  const iss = String(claims.iss ?? "");
  const sub = String(claims.sub ?? "");
  const audiences = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
  const credentials = app.federatedIdentityCredentials ?? [];
  const byIssuer = credentials.filter((c) => c.issuer === iss);
  if (!byIssuer.length)
    return { code: 700211, message: `No matching federated identity record found for presented assertion issuer '${iss}'. ${MISMATCH_HINT}` };
  const bySubject = byIssuer.filter((c) => c.subject === sub);
  if (!bySubject.length)
    return { code: 700213, message: `No matching federated identity record found for presented assertion subject '${sub}'. ${MISMATCH_HINT}` };
  const credential = bySubject.find((c) => c.audiences.some((a) => audiences.includes(a)));
  if (!credential)
    return { code: 700212, message: `No matching federated identity record found for presented assertion audience '${audiences.join(", ")}'. ${MISMATCH_HINT}` };

  const issuer = store.get<FederatedIssuerDoc>(FEDERATED_ISSUERS_KIND, iss);
  if (!issuer) return { code: 50166, message: `Request to External OIDC endpoint failed: no signing keys are known for issuer '${iss}'.` };
  try {
    await jwtVerify(assertion, createLocalJWKSet(issuer.jwks), {
      issuer: iss,
      subject: sub,
      audience: credential.audiences,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iss", "sub", "aud"],
    });
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { code: 700024, message: "Client assertion is not within its valid time range." };
    const reason = err instanceof Error ? err.message : String(err);
    return { code: 700027, message: `Client assertion failed signature validation: ${reason}` };
  }
  return undefined;
}
