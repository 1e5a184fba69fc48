/** Where proxied images live below the site's base: `/images/<token>/<host><path><query>`. */
export const IMAGE_PROXY_PREFIX = "/images/";

/**
 * The path of an upstream image below the site's base: the token, then the image's URL without its scheme,
 * so the path ends in the picture's own file name (readers that save an image keep it) and says where it
 * comes from. The scheme is in the token: the Worker tries https, then http (see parseImageProxyPath).
 */
export function imageProxyPath(token: string, upstream: URL): string {
  return `${IMAGE_PROXY_PREFIX}${token}/${upstream.host}${upstream.pathname}${upstream.search}`;
}

/** The text a token signs and the proxy fetches: the URL without its fragment (and without an empty `?`). */
export function upstreamUrlText(upstream: URL): string {
  return `${upstream.protocol}//${upstream.host}${upstream.pathname}${upstream.search}`;
}

/** What an image path names: its token and the URLs it may stand for (https first, then http). */
export interface ImageProxyRequest {
  token: string;
  candidates: URL[];
}

// `host` or `host:port` as URL.host writes it: no user info, nothing a URL parser would read as more.
const HOST_SEGMENT = /^[a-z0-9.-]+(?::\d{1,5})?$/;

/**
 * Reads the part of a request's path after `/images/` (as sent, percent-encoded) and its query; undefined
 * when it is not `<token>/<host>/<path>`. A candidate is kept only when the URL parser gives back the host
 * as written, so a path cannot smuggle another host past the token check.
 */
export function parseImageProxyPath(remainder: string, search: string): ImageProxyRequest | undefined {
  const tokenEnd = remainder.indexOf("/");
  const hostEnd = tokenEnd < 0 ? -1 : remainder.indexOf("/", tokenEnd + 1);
  if (tokenEnd <= 0 || hostEnd < 0) return undefined;
  const token = remainder.slice(0, tokenEnd);
  const host = remainder.slice(tokenEnd + 1, hostEnd);
  if (!HOST_SEGMENT.test(host)) return undefined;
  const candidates: URL[] = [];
  for (const scheme of ["https", "http"]) {
    let url: URL;
    try {
      url = new URL(`${scheme}://${remainder.slice(tokenEnd + 1)}${search}`);
    } catch {
      continue;
    }
    if (url.host === host) candidates.push(url);
  }
  return candidates.length === 0 ? undefined : { token, candidates };
}
