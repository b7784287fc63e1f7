/**
 * OpenID metadata and JWKS as Entra serves them for a tenant. Every URL is built from the origin
 * the client used (the `Host` header), because msal-node rejects an issuer whose host and port
 * differ from its authority (local-https-auth.md §2, "Server details the clients depend on").
 */
import type { KeyObject } from "node:crypto";

export function authorityOf(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}`;
}

export function issuerOf(origin: string, tenantId: string): string {
  return `${authorityOf(origin, tenantId)}/v2.0`;
}

export function tokenEndpointOf(origin: string, tenantId: string): string {
  return `${authorityOf(origin, tenantId)}/oauth2/v2.0/token`;
}

export function openIdConfiguration(origin: string, tenantId: string): Record<string, unknown> {
  const authority = authorityOf(origin, tenantId);
  return {
    token_endpoint: tokenEndpointOf(origin, tenantId),
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${authority}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: issuerOf(origin, tenantId),
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "tid", "ver", "oid", "roles"],
    kerberos_endpoint: `${authority}/kerberos`,
    tenant_region_scope: null,
    cloud_instance_name: new URL(origin).host,
    cloud_graph_host_name: new URL(origin).host,
    msgraph_host: new URL(origin).host,
    rbac_url: origin,
  };
}

/** The JWKS document: one RSA signing key, `use: sig`, addressed by `kid`. */
export function jwks(publicKey: KeyObject, kid: string): { keys: Record<string, unknown>[] } {
  const jwk = publicKey.export({ format: "jwk" });
  return { keys: [{ kty: "RSA", use: "sig", kid, n: jwk.n, e: jwk.e, alg: "RS256", issuer: undefined }].map(stripUndefined) };
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
