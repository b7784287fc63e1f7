/**
 * `/_sim` control routes for sign-ins (not Microsoft's contract; documented in docs/local-tenant.md):
 * - `POST /_sim/sign-ins` — a user signs in for a device code (`{ userCode, userPrincipalName }`),
 *   declines it or lets it expire (`outcome`); without `userCode` the sign-in is queued and happens
 *   as soon as the next device code is issued (scripted sign-ins in tests, no polling wait);
 * - `PATCH /_sim/applications/{appId}` — admin consent for delegated permissions, "allow public
 *   client flows", the web redirect URIs and `groupMembershipClaims` (Graph's application properties);
 * - `POST /_sim/applications/{appId}/federatedIdentityCredentials` — a federated identity credential;
 * - `POST /_sim/federated-issuers` — an external issuer's signing keys (JWKS), which Entra would
 *   fetch from the issuer's OpenID metadata.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { SimControlRoute, SimResult } from "../framework.ts";
import { APPLICATIONS_KIND, findApplication, type FederatedIdentityCredential } from "./applications.ts";
import { QUEUED_SIGN_INS_KIND, signIn, type QueuedSignIn } from "./device-code.ts";
import { FEDERATED_ISSUERS_KIND, TOKEN_EXCHANGE_AUDIENCE, type FederatedIssuerDoc } from "./federated-assertion.ts";

function badRequest(issues: z.core.$ZodIssue[] | string): SimResult {
  const message = typeof issues === "string" ? issues : issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
  return { status: 400, body: { error: { code: "BadRequest", message } } };
}

const notFound = (message: string): SimResult => ({ status: 404, body: { error: { code: "NotFound", message } } });

const signInSchema = z
  .object({
    userCode: z.string().min(1).max(64).optional(),
    userPrincipalName: z.string().min(3).max(113).optional(),
    outcome: z.enum(["approve", "decline", "expire"]).default("approve"),
    /** For a queued sign-in: only a device code of this app takes it. */
    clientId: z.string().min(1).max(64).optional(),
  })
  .strict()
  .refine((b) => b.outcome !== "approve" || b.userPrincipalName, { message: "userPrincipalName is required to approve", path: ["userPrincipalName"] });

const permissionName = z.string().regex(/^[A-Za-z][\w.-]*$/);

const applicationPatchSchema = z
  .object({
    delegatedScopes: z.array(permissionName).max(400).optional(),
    isFallbackPublicClient: z.boolean().optional(),
    /** Graph's `application.web.redirectUris` (Entra allows up to 256). */
    web: z.object({ redirectUris: z.array(z.url({ protocol: /^https?$/ }).max(256)).max(256) }).strict().optional(),
    groupMembershipClaims: z.enum(["None", "SecurityGroup", "All", "DirectoryRole", "ApplicationGroup"]).nullable().optional(),
  })
  .strict();

/** Entra: `name` up to 120 characters, unique per app; at most 20 credentials per app. */
const ficSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][\w-]{0,119}$/),
    issuer: z.url().max(600),
    subject: z.string().min(1).max(600),
    audiences: z.array(z.string().min(1).max(600)).length(1).default([TOKEN_EXCHANGE_AUDIENCE]),
    description: z.string().max(600).nullable().default(null),
  })
  .strict();
const MAX_FEDERATED_CREDENTIALS = 20;

const jwkSchema = z.looseObject({ kty: z.enum(["RSA", "EC"]), kid: z.string().max(200).optional() });
const issuerSchema = z
  .object({
    issuer: z.url().max(600),
    jwks: z.object({ keys: z.array(jwkSchema).min(1).max(20) }).strict(),
  })
  .strict();

export const simAuthRoutes: SimControlRoute[] = [
  {
    method: "POST",
    path: "/sign-ins",
    description: "sign in for a device code: `{ userCode?, userPrincipalName, outcome?: approve|decline|expire, clientId? }`; without `userCode` it applies to the next device code",
    handler: (ctx) => {
      const parsed = signInSchema.safeParse(ctx.body ?? {});
      if (!parsed.success) return badRequest(parsed.error.issues);
      const { userCode, userPrincipalName, outcome, clientId } = parsed.data;
      if (!userCode) {
        const queued: QueuedSignIn = { id: randomUUID(), ...(userPrincipalName ? { userPrincipalName } : {}), outcome, ...(clientId ? { clientId } : {}) };
        ctx.store.put(QUEUED_SIGN_INS_KIND, queued);
        return { status: 202, body: { queued: true } };
      }
      const result = signIn(ctx.store, userCode, userPrincipalName, outcome);
      if (!result.ok) return { status: result.httpStatus, body: { error: { code: result.httpStatus === 404 ? "NotFound" : "BadRequest", message: result.message } } };
      return { status: 200, body: { status: result.status } };
    },
  },
  {
    method: "PATCH",
    path: "/applications/{appId}",
    description:
      "consent delegated permissions, allow public client flows, register web redirect URIs and the groups claim: `{ delegatedScopes?, isFallbackPublicClient?, web?: { redirectUris }, groupMembershipClaims? }`",
    handler: (ctx) => {
      const parsed = applicationPatchSchema.safeParse(ctx.body ?? {});
      if (!parsed.success) return badRequest(parsed.error.issues);
      const app = findApplication(ctx.store, ctx.params.appId!);
      if (!app) return notFound(`No application with appId '${ctx.params.appId}'.`);
      const updated = {
        ...app,
        ...(parsed.data.delegatedScopes ? { _delegatedScopes: [...new Set(parsed.data.delegatedScopes)].sort() } : {}),
        ...(parsed.data.isFallbackPublicClient !== undefined ? { isFallbackPublicClient: parsed.data.isFallbackPublicClient } : {}),
        ...(parsed.data.web ? { web: { redirectUris: [...new Set(parsed.data.web.redirectUris)] } } : {}),
        ...(parsed.data.groupMembershipClaims !== undefined ? { groupMembershipClaims: parsed.data.groupMembershipClaims } : {}),
      };
      ctx.store.put(APPLICATIONS_KIND, updated);
      return {
        status: 200,
        body: {
          clientId: updated.appId,
          delegatedScopes: updated._delegatedScopes ?? [],
          isFallbackPublicClient: updated.isFallbackPublicClient === true,
          web: { redirectUris: updated.web?.redirectUris ?? [] },
          groupMembershipClaims: updated.groupMembershipClaims ?? null,
        },
      };
    },
  },
  {
    method: "POST",
    path: "/applications/{appId}/federatedIdentityCredentials",
    description: "add a federated identity credential: `{ name, issuer, subject, audiences?, description? }` (audience `api://AzureADTokenExchange`)",
    handler: (ctx) => {
      const parsed = ficSchema.safeParse(ctx.body ?? {});
      if (!parsed.success) return badRequest(parsed.error.issues);
      const app = findApplication(ctx.store, ctx.params.appId!);
      if (!app) return notFound(`No application with appId '${ctx.params.appId}'.`);
      const existing = app.federatedIdentityCredentials ?? [];
      if (existing.some((c) => c.name.toLowerCase() === parsed.data.name.toLowerCase()))
        return { status: 409, body: { error: { code: "Request_BadRequest", message: `A federated identity credential named '${parsed.data.name}' already exists on this application.` } } };
      if (existing.length >= MAX_FEDERATED_CREDENTIALS)
        return badRequest(`An application can have at most ${MAX_FEDERATED_CREDENTIALS} federated identity credentials.`);
      const credential: FederatedIdentityCredential = { id: randomUUID(), ...parsed.data };
      ctx.store.put(APPLICATIONS_KIND, { ...app, federatedIdentityCredentials: [...existing, credential] });
      return { status: 201, body: credential };
    },
  },
  {
    method: "POST",
    path: "/federated-issuers",
    description: "register an external issuer's signing keys for federated assertions: `{ issuer, jwks: { keys } }`",
    handler: (ctx) => {
      const parsed = issuerSchema.safeParse(ctx.body ?? {});
      if (!parsed.success) return badRequest(parsed.error.issues);
      const doc: FederatedIssuerDoc = { id: parsed.data.issuer, jwks: parsed.data.jwks as FederatedIssuerDoc["jwks"] };
      ctx.store.put(FEDERATED_ISSUERS_KIND, doc);
      return { status: 201, body: { issuer: doc.id, keys: doc.jwks.keys.length } };
    },
  },
];
