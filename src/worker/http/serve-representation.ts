import { CORS_HEADERS } from "./cache-policy";
import { isNotModified } from "./conditional-request";
import { formatHttpDate } from "./http-date";
import type { ResponseMemory } from "./response-memory";

/** A rendered body with what its headers need. */
export interface RenderedBody {
  body: string;
  contentType: string;
  /** RFC 3339: the newest `updated` among what the body shows; becomes `Last-Modified`. */
  lastModified?: string;
}

/** One resource as the HTTP layer sees it: how to identify and validate it cheaply, and how to render it. */
export interface Representation {
  /** Absolute URL naming the resource canonically (NFC path, known query parameters only). */
  cacheUrl: string;
  /** Quoted strong entity tag, derived without reading or rendering the body. */
  etag: string;
  cacheControl: string;
  /** Whether any origin may read it (feeds, OPML). */
  cors: boolean;
  /** Reads what the body needs and renders it; called only when no cached response will do. */
  render(): Promise<RenderedBody>;
}

/** The response cache and the hooks the caller provides. */
export interface ServeOptions {
  /** `caches.default` in production; undefined to render every time. */
  cache: Cache | undefined;
  /** Responses this isolate keeps, asked before the cache; undefined to keep none. */
  memory?: ResponseMemory;
  /** Keeps the cache write alive after the response is sent. */
  waitUntil(promise: Promise<unknown>): void;
  /** Told each time a body is rendered (tests count it). */
  onRender?(cacheUrl: string): void;
}

// Headers a 304 keeps from the 200 (RFC 9110 §15.4.5: ETag, Vary, Cache-Control, and Last-Modified
// "for the purpose of guiding cache updates"); Content-Type and Content-Length describe a body it has not.
const NOT_MODIFIED_HEADERS = ["ETag", "Last-Modified", "Cache-Control", "Vary", ...Object.keys(CORS_HEADERS)];

const encoder = new TextEncoder();

/**
 * Answers a GET or HEAD for a representation: from the isolate's memory or the cache when either holds this
 * exact version (keyed by the URL plus the entity tag, so a publish never serves old bytes as fresh), with 304 when the request's
 * validators match, and otherwise by rendering once and putting the result in the cache. The response's
 * headers are always its own (never a cached response's immutable ones), so a caller may add to them.
 */
export async function serveRepresentation(request: Request, representation: Representation, options: ServeOptions): Promise<Response> {
  const { etag } = representation;
  const cacheKey = `${representation.cacheUrl}${representation.cacheUrl.includes("?") ? "&" : "?"}etag=${encodeURIComponent(etag.replaceAll('"', ""))}`;

  const remembered = options.memory?.get(cacheKey);
  if (remembered) return fromStore(request, etag, remembered.body, remembered.headers);
  const cached = options.cache ? await options.cache.match(cacheKey) : undefined;
  if (cached) {
    const headers = [...cached.headers];
    if (!options.memory) return fromStore(request, etag, cached.body, headers);
    const body = new Uint8Array(await cached.arrayBuffer());
    options.memory.put(cacheKey, { body, headers });
    return fromStore(request, etag, body, headers);
  }
  // A matching If-None-Match needs no body: the tag is known before anything is read. Last-Modified is
  // then unknown and left out, as RFC 9110 §15.4.5 allows when an ETag is sent.
  if (request.headers.has("If-None-Match") && isNotModified(request.headers, { etag })) {
    return notModified(representationHeaders(representation, undefined));
  }

  const rendered = await representation.render();
  options.onRender?.(representation.cacheUrl);
  const headers = representationHeaders(representation, rendered.lastModified);
  headers.set("Content-Type", rendered.contentType);
  // Encoded once: the isolate's memory keeps these bytes, and each response it serves sends them as they are.
  const body = encoder.encode(rendered.body);
  const response = new Response(body, { status: 200, headers });
  options.memory?.put(cacheKey, { body, headers: [...headers] });
  if (options.cache) {
    const cache = options.cache;
    const copy = response.clone();
    options.waitUntil(
      cache.put(cacheKey, copy).catch((error: unknown) => console.error(`edgefeed: cache put ${cacheKey} failed:`, error)),
    );
  }
  if (isNotModified(request.headers, { etag, lastModified: headers.get("Last-Modified") ?? undefined })) {
    return notModified(headers);
  }
  return response;
}

/** A stored 200 (kept in memory or cached): 304 when the request's validators match it. */
function fromStore(request: Request, etag: string, body: BodyInit | null, headers: [string, string][]): Response {
  // Only a conditional request needs the validators; the rest is served without looking at the headers.
  if (request.headers.has("If-None-Match") || request.headers.has("If-Modified-Since")) {
    const lastModified = headers.find(([name]) => name.toLowerCase() === "last-modified")?.[1];
    if (isNotModified(request.headers, { etag, ...(lastModified === undefined ? {} : { lastModified }) })) return notModified(new Headers(headers));
  }
  return new Response(body, { status: 200, headers });
}

function representationHeaders(representation: Representation, lastModified: string | undefined): Headers {
  const headers = new Headers({ ETag: representation.etag, "Cache-Control": representation.cacheControl });
  const httpDate = lastModified === undefined ? undefined : formatHttpDate(lastModified);
  if (httpDate !== undefined) headers.set("Last-Modified", httpDate);
  if (representation.cors) for (const [name, value] of Object.entries(CORS_HEADERS)) headers.set(name, value);
  return headers;
}

/** A 304 carrying the headers of `from` that RFC 9110 §15.4.5 keeps (NOT_MODIFIED_HEADERS) and no others. */
export function notModified(from: Headers): Response {
  const headers = new Headers();
  for (const name of NOT_MODIFIED_HEADERS) {
    const value = from.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(null, { status: 304, headers });
}
