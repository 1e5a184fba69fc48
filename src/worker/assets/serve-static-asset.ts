import { isNotModified } from "../http/conditional-request";

/** A file the Worker serves from its own code (stylesheets), identified by a hash of its bytes. */
export interface StaticAsset {
  body: string;
  contentType: string;
  /** The content hash (`assetFingerprint`): the strong ETag, and the `?v=` of versioned URLs. */
  version: string;
}

// A URL that names the asset's hash (`/style.css?v=<hash>`) never changes meaning: cache it for a year
// (RFC 8246 `immutable`: no revalidation on reload). Any other URL may change with a deploy.
const VERSIONED_CACHE_CONTROL = "public, max-age=31536000, immutable";
const UNVERSIONED_CACHE_CONTROL = "public, max-age=3600";

/**
 * Answers a GET or HEAD for a static asset: 304 when If-None-Match names its version, otherwise the
 * bytes with a strong ETag and a year-long cache when the URL's `v` names the current version.
 */
export function serveStaticAsset(request: Request, asset: StaticAsset): Response {
  const etag = `"${asset.version}"`;
  const versioned = new URL(request.url).searchParams.get("v") === asset.version;
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": versioned ? VERSIONED_CACHE_CONTROL : UNVERSIONED_CACHE_CONTROL,
  });
  if (isNotModified(request.headers, { etag })) return new Response(null, { status: 304, headers });
  headers.set("Content-Type", asset.contentType);
  return new Response(asset.body, { status: 200, headers });
}
