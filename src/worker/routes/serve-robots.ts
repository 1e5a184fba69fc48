import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import type { SiteContext } from "./site-context";

/**
 * Serves `/robots.txt`: everything may be crawled, and the sitemap is named by its absolute URL, as the
 * sitemaps.org protocol asks ("Sitemap: <sitemap_location>", "the complete URL"). Reads nothing.
 */
export function serveRobots(site: SiteContext): Response {
  const body = `User-agent: *\nAllow: /\n\nSitemap: ${site.base}/sitemap.xml\n`;
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": CHANGING_CACHE_CONTROL } });
}
