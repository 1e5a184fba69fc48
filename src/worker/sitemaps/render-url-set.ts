import { escapeXml } from "../feeds/escape-xml";

/** One page a sitemap lists. */
export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  /** RFC 3339, which is one of the W3C Datetime forms the protocol asks for; left out when unknown. */
  lastmod?: string;
}

/** The namespace of sitemaps and sitemap indexes (sitemaps.org protocol 0.9). */
export const SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

/**
 * Renders a sitemap (`<urlset>`), as UTF-8 text. The protocol: "no more than 50,000 URLs", "must be
 * UTF-8 encoded", and "all data values … must be entity-escaped"; the caller keeps to the count.
 */
export function renderUrlSet(urls: readonly SitemapUrl[]): string {
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NAMESPACE}">\n`;
  for (const url of urls) {
    xml += `<url><loc>${escapeXml(url.loc)}</loc>`;
    if (url.lastmod) xml += `<lastmod>${escapeXml(url.lastmod)}</lastmod>`;
    xml += "</url>\n";
  }
  return `${xml}</urlset>\n`;
}
