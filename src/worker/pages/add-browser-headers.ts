/**
 * The Content-Security-Policy of every HTML page: nothing may run (no `script-src`, so `default-src 'none'`
 * forbids all script), styles only from the site's own stylesheet, images from anywhere (articles show
 * Sina's), no forms, no `<base>`, no framing.
 */
export function pageContentSecurityPolicy(styleOrigins: readonly string[]): string {
  const styles = ["'self'", ...styleOrigins].join(" ");
  return `default-src 'none'; img-src https: http: data:; style-src ${styles}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/**
 * Adds what browsers need beyond the representation itself, on every response: HTML pages (a feed's
 * browser view included) get the Content-Security-Policy above and `Referrer-Policy: no-referrer` (Sina's
 * image hosts refuse requests with a foreign Referer). `base` is the public base URL of links; when it is
 * another origin than the request's, pages load their stylesheet from there.
 */
export function addBrowserHeaders(headers: Headers, request: Request, base: string): void {
  const type = headers.get("Content-Type") ?? "";
  if (!/^text\/html\b/i.test(type)) return;
  const requestOrigin = new URL(request.url).origin;
  const baseOrigin = URL.canParse(base) ? new URL(base).origin : requestOrigin;
  headers.set("Content-Security-Policy", pageContentSecurityPolicy(baseOrigin === requestOrigin ? [] : [baseOrigin]));
  headers.set("Referrer-Policy", "no-referrer");
}
