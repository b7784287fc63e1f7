/** The JSON-object check every directory write makes on its request body before reading fields. */
import { GraphHttpError } from "../framework.ts";

/** Request bodies must be JSON objects. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new GraphHttpError(400, "Request_BadRequest", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}
