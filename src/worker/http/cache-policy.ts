/** `Cache-Control` for documents that change with each publish: fresh for 5 minutes, then served stale while revalidating. */
export const CHANGING_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600";

/**
 * `Cache-Control` for full archive pages (RFC 5005 §4: "archive documents … do not change"). Long, but
 * not `immutable`: an edited old article or a newly full neighbour page still changes the bytes, and
 * then a day is how long a reader may keep the old ones.
 */
export const ARCHIVE_CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800";

/** `Cache-Control` for errors: a 404 or 503 must not outlive the publish that fixes it. */
export const ERROR_CACHE_CONTROL = "no-store";

/** The methods every resource here answers. */
export const ALLOWED_METHODS = "GET, HEAD, OPTIONS";

/** CORS headers for documents any page may fetch (feeds, OPML): public data, no credentials. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  // ETag is not a CORS-safelisted response header (Last-Modified is): expose it for conditional requests.
  "Access-Control-Expose-Headers": "ETag",
};
