/**
 * `POST /{tenant}/oauth2/v2.0/devicecode` (advertised as `device_authorization_endpoint` in the
 * OpenID metadata) with Entra's error shape; the flow itself is in `device-code.ts`.
 */
import { randomUUID } from "node:crypto";
import { handleDeviceAuthorization } from "./device-code.ts";
import { entraError, type TokenRequest, type TokenResponse } from "./token-endpoint.ts";

export function deviceAuthorization(req: Omit<TokenRequest, "signer">): TokenResponse {
  const correlationId = req.correlationId || req.form.get("client-request-id") || randomUUID();
  return handleDeviceAuthorization(req, (status, error, code, description) => entraError(status, error, code, description, req.now, correlationId));
}
