import { escapeXml } from "../feeds/escape-xml";
import { SITEMAP_NAMESPACE, type SitemapUrl } from "./render-url-set";

/**
 * Renders a sitemap index (`<sitemapindex>`), which lists sitemaps ("no more than 50,000 Sitemaps"), as
 * UTF-8 text; each entry's `lastmod` is left out when unknown.
 */
export function renderSitemapIndex(sitemaps: readonly SitemapUrl[]): string {
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NAMESPACE}">\n`;
  for (const sitemap of sitemaps) {
    xml += `<sitemap><loc>${escapeXml(sitemap.loc)}</loc>`;
    if (sitemap.lastmod) xml += `<lastmod>${escapeXml(sitemap.lastmod)}</lastmod>`;
    xml += "</sitemap>\n";
  }
  return `${xml}</sitemapindex>\n`;
}
