import { StatusError } from "itty-router";
import { refererForImageHost } from "../../model/image-host-rules";
import { isNotModified } from "../http/conditional-request";
import { CORS_HEADERS } from "../http/cache-policy";
import { parseHttpDate } from "../http/http-date";
import { notModified } from "../http/serve-representation";
import { type UpstreamImage, fetchUpstreamImage } from "../images/fetch-upstream-image";
import { proxiesHost } from "../images/image-proxy";
import { IMAGE_PROXY_PREFIX, parseImageProxyPath, upstreamUrlText } from "../images/image-proxy-path";
import { isImageToken } from "../images/image-token";
import type { SiteContext } from "./site-context";

/** `Cache-Control` of a proxied image: its URL names one upstream image, whose bytes do not change. */
export const IMAGE_CACHE_CONTROL = "public, max-age=31536000, immutable";

// An SVG opened on its own is a document of our origin: sandboxed, it runs no script and reaches nothing
// (CSP 3 `sandbox` without `allow-scripts`, and `script-src 'none'`). Raster images ignore the header, and
// an SVG shown by `<img>` runs no script anyway.
const IMAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; sandbox";

/**
 * Serves `/images/<token>/<host>/<path>`: an image of a host in IMAGE_PROXY_HOSTS whose token the Worker made
 * for it (only for images its articles show), from the cache or fetched upstream once with the host's
 * Referer rule. 404 without any upstream request for anything else: a bad path, a host not proxied, a token
 * that is not this URL's; then the upstream's 404 as 404, a timeout as 504, any other failure as 502.
 */
export async function serveImage(site: SiteContext, request: Request, remainder: string): Promise<Response> {
  const notHere = (): StatusError =>
    new StatusError(404, "There is no such image here: this address serves only the images the site's articles show, at the addresses its feeds and pages give.");
  const proxy = site.images;
  if (proxy === undefined) throw notHere();
  const requestUrl = new URL(request.url);
  const parsed = parseImageProxyPath(remainder, requestUrl.search);
  if (parsed === undefined) throw notHere();
  let upstream: string | undefined;
  for (const candidate of parsed.candidates) {
    if (!proxiesHost(proxy, candidate.hostname)) continue;
    const text = upstreamUrlText(candidate);
    if (await isImageToken(proxy.key, text, parsed.token)) {
      upstream = text;
      break;
    }
  }
  if (upstream === undefined) throw notHere();

  // One entry per image URL and data centre: the token names the bytes, whatever the reader's headers say.
  const cacheKey = `${site.cacheBase}${IMAGE_PROXY_PREFIX}${remainder}${requestUrl.search}`;
  const cache = site.imageCache;
  const cached = cache ? await cache.match(cacheKey) : undefined;
  if (cached) return answer(request, cached);
  const image = await fetchUpstreamImage(upstream, {
    fetch: site.upstream.fetch,
    hosts: { allows: (hostname) => proxiesHost(proxy, hostname), refererFor: (hostname) => refererForImageHost(hostname) },
    limits: site.upstream.limits,
  });
  const response = new Response(image.bytes, { status: 200, headers: await imageHeaders(image) });
  if (cache) site.waitUntil(cache.put(cacheKey, response.clone()).catch((error: unknown) => console.error(`edgefeed: cache put ${cacheKey} failed:`, error)));
  return answer(request, response);
}

/** The response's headers: type and length from the checked bytes, an ETag of them, and immutable caching. */
async function imageHeaders(image: UpstreamImage): Promise<Headers> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", image.bytes));
  let hex = "";
  for (const byte of digest.subarray(0, 16)) hex += byte.toString(16).padStart(2, "0");
  const headers = new Headers({
    "Content-Type": image.type,
    "Content-Length": String(image.bytes.byteLength),
    "Cache-Control": IMAGE_CACHE_CONTROL,
    ETag: `"${hex}"`,
    // The upstream's date when it gave a valid one, else now: the time this copy was taken.
    "Last-Modified": validHttpDate(image.lastModified) ?? new Date().toUTCString(),
    "Content-Security-Policy": IMAGE_CONTENT_SECURITY_POLICY,
    // Readers' web apps that isolate themselves (COEP require-corp) may show it; any page may read it.
    "Cross-Origin-Resource-Policy": "cross-origin",
    ...CORS_HEADERS,
  });
  return headers;
}

/** 304 when the request's validators match the stored image (RFC 9110 §13.2.2), the image otherwise. */
function answer(request: Request, response: Response): Response {
  const headers = response.headers;
  const validators = { etag: headers.get("ETag") ?? "", lastModified: headers.get("Last-Modified") ?? undefined };
  if (isNotModified(request.headers, validators)) {
    void response.body?.cancel().catch(() => {});
    return notModified(headers);
  }
  return response;
}

/** An HTTP-date in its preferred form, or undefined for none, a malformed one or one in the future. */
function validHttpDate(text: string | undefined): string | undefined {
  const time = text === undefined ? undefined : parseHttpDate(text);
  return time === undefined || time > Date.now() ? undefined : new Date(time).toUTCString();
}
