/**
 * The Content-Security-Policy of every HTML page: nothing may run (no `script-src`, so `default-src 'none'`
 * forbids all script), styles only from the site's own stylesheet, images from anywhere (articles show
 * Sina's), no forms, no `<base>`, no framing.
 */
export function pageContentSecurityPolicy(styleOrigins: readonly string[]): string {
  const styles = ["'self'", ...styleOrigins].join(" ");
  return `default-src 'none'; img-src https: http: data:; style-src ${styles}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

// Feeds whose bytes carry `<?xml-stylesheet type="text/xsl"?>` for people who open them in a browser.
const STYLED_FEED_TYPES = /^application\/(rss|atom)\+xml\b/i;

/**
 * Adds what browsers need beyond the representation itself, on every response:
 * - HTML pages get the Content-Security-Policy above and `Referrer-Policy: no-referrer` (Sina's image
 *   hosts refuse requests with a foreign Referer).
 * - An RSS or Atom feed that a browser navigates to (`Sec-Fetch-Dest: document`, which only browsers
 *   send) is labelled `application/xml`: Chromium shows `application/rss+xml` as plain text and applies
 *   `<?xml-stylesheet?>` only to XML media types. The bytes stay the same, and readers that copy browser
 *   headers still get a feed they accept (RSS 2.0 and the W3C validator allow `application/xml`).
 * `base` is the public base URL of links; when it is another origin than the request's, pages load
 * their stylesheet from there.
 */
export function addBrowserHeaders(headers: Headers, request: Request, base: string): void {
  const type = headers.get("Content-Type") ?? "";
  if (/^text\/html\b/i.test(type)) {
    const requestOrigin = new URL(request.url).origin;
    const baseOrigin = URL.canParse(base) ? new URL(base).origin : requestOrigin;
    headers.set("Content-Security-Policy", pageContentSecurityPolicy(baseOrigin === requestOrigin ? [] : [baseOrigin]));
    headers.set("Referrer-Policy", "no-referrer");
    return;
  }
  if (STYLED_FEED_TYPES.test(type) && request.headers.get("Sec-Fetch-Dest") === "document") {
    headers.set("Content-Type", "application/xml; charset=utf-8");
    // The browser's cache must not hand this label to a later fetch() of the feed (RFC 9110 §12.5.5). The
    // readers' variant goes without Vary: it is what shared caches should keep, and it is what they key on.
    headers.append("Vary", "Sec-Fetch-Dest");
  }
}
