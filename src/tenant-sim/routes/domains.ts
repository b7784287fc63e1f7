/**
 * `/domains` (v1.0 and beta): list, get, and PATCH of the password-policy and default settings.
 * The tenant has exactly one default domain: making another domain the default clears the flag
 * on the previous one (domain-update.md).
 */
import { GraphHttpError, type RouteDef, type SimStore } from "../framework.ts";
import { directoryCollection } from "../directory/collection-options.ts";
import { directoryRoute } from "../directory/directory-route.ts";
import { requireById } from "../directory/lookup.ts";
import { rejectUndeclaredProperties, requireObjectBody } from "../directory/request-body.ts";

type DomainDoc = { id: string; isDefault: boolean; isVerified: boolean; [key: string]: unknown };

const DOMAIN = "microsoft.graph.domain";
const WRITABLE = new Set(["isDefault", "passwordNotificationWindowInDays", "passwordValidityPeriodInDays", "supportedServices", "authenticationType"]);
const INT32_MAX = 2147483647;

/** Domains are keyed by their lower-cased name (directory/seed.ts); any letter case names one. */
const findDomain = (store: SimStore, name: string) => requireById<DomainDoc>(store, "domains", name);

function invalidValue(property: string): GraphHttpError {
  return new GraphHttpError(400, "Request_BadRequest", `Invalid value specified for property '${property}' of resource 'Domain'.`);
}

export const domainRoutes: RouteDef[] = [
  directoryRoute("GET", "/domains", (ctx) => ctx.collection(ctx.store.list("domains"), directoryCollection("domains", { entityType: DOMAIN }))),
  directoryRoute("GET", "/domains/{id}", (ctx) => ctx.entity(findDomain(ctx.store, ctx.params.id ?? ""), "domains/$entity", null, DOMAIN)),
  directoryRoute("PATCH", "/domains/{id}", (ctx) => {
    const body = requireObjectBody(ctx.body);
    rejectUndeclaredProperties(body, DOMAIN, ctx.version);
    ctx.store.tx(() => {
      const domain = findDomain(ctx.store, ctx.params.id ?? "");
      for (const [key, value] of Object.entries(body)) {
        if (!WRITABLE.has(key)) throw new GraphHttpError(400, "Request_BadRequest", `Property '${key}' is read-only or not supported on domain.`);
        if (key === "passwordValidityPeriodInDays" || key === "passwordNotificationWindowInDays") {
          if (value !== null && (!Number.isInteger(value) || (value as number) < 1 || (value as number) > INT32_MAX)) throw invalidValue(key);
        }
        if (key === "isDefault" && typeof value !== "boolean") throw invalidValue(key);
        if (key === "supportedServices" && (!Array.isArray(value) || value.some((s) => typeof s !== "string"))) throw invalidValue(key);
        if (key === "authenticationType" && value !== "Managed" && value !== "Federated") throw invalidValue(key);
      }
      if (body.isDefault === false && domain.isDefault) {
        throw new GraphHttpError(400, "Request_BadRequest", "The default domain cannot be unset; make another verified domain the default instead.");
      }
      if (body.isDefault === true && !domain.isVerified) {
        throw new GraphHttpError(400, "Request_BadRequest", "Only a verified domain can be the default domain.");
      }
      if (body.isDefault === true) {
        for (const other of ctx.store.list<DomainDoc>("domains")) {
          if (other.id !== domain.id && other.isDefault) ctx.store.put("domains", { ...other, isDefault: false });
        }
      }
      ctx.store.put("domains", { ...domain, ...body });
    });
    return { status: 204 };
  }),
];
