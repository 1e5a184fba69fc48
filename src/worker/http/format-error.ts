import { StatusError } from "itty-router";
import { StoreError } from "../store/store-error";
import { ALLOWED_METHODS, CORS_HEADERS, ERROR_CACHE_CONTROL } from "./cache-policy";

/** Seconds a reader should wait before retrying a 502, 503 or 504. */
export const RETRY_AFTER_SECONDS = 60;

const REASONS: Record<number, string> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

// What a retry may fix: the store, or an image host (RFC 9110 §10.2.3: Retry-After "how long the user agent
// ought to wait before making a follow-up request").
const RETRIED_STATUSES = new Set([502, 503, 504]);

/**
 * The one place errors become responses: a StatusError keeps its status and message (written for the
 * reader); a StoreError becomes a 503; anything else a generic 500. A 502, 503 or 504 carries `Retry-After`.
 * Causes of 5xx go to the log, never into the body.
 */
export function formatError(error: unknown, request: Request): Response {
  let status = 500;
  let message = "Something went wrong on our side. It has been logged; please try again later.";
  if (error instanceof StatusError) {
    status = error.status;
    message = error.message || REASONS[status] || "Error";
  } else if (error instanceof StoreError) {
    status = 503;
    message = "The feed store cannot be read right now. Please try again in a minute.";
  }
  if (status >= 500) {
    console.error(`edgefeed: ${request.method} ${request.url} → ${status}:`, describe(error));
  }
  const headers = new Headers({
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": ERROR_CACHE_CONTROL,
    ...CORS_HEADERS,
  });
  if (RETRIED_STATUSES.has(status)) headers.set("Retry-After", String(RETRY_AFTER_SECONDS));
  if (status === 405) headers.set("Allow", ALLOWED_METHODS);
  return new Response(`${status} ${REASONS[status] ?? "Error"}\n\n${message}\n`, { status, headers });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : error.cause !== undefined ? ` (cause: ${String(error.cause)})` : "";
  return `${error.stack ?? error.message}${cause}`;
}
