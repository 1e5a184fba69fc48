import type { Manifest, ScopeEntry } from "../../model/manifest";
import { scopeId, scopePath } from "../../model/scope";
import type { SitemapUrl } from "./render-url-set";

/** The protocol's bound on the URLs of one sitemap and on the sitemaps of one index. */
export const SITEMAP_MAX_URLS = 50_000;

/**
 * The most site pages `/sitemap.xml` reads to list every article itself (about 45 articles each). Past it,
 * or past SITEMAP_MAX_URLS, it is an index whose article sitemaps read one page each: a Worker request
 * may make at most 1,000 KV reads, and 100,000 articles are about 2,200 pages.
 */
export const SITEMAP_INLINE_PAGES = 10;

/** One of the site's pages (an RFC 5005 archive or the open page) as an article sitemap reads it. */
export interface SitePageRef {
  name: string;
  /** The stored page: the archive's, or the head's for the open page. */
  hash: string;
  /** For the open page, how many of the head's newest items are its own; all of an archive's otherwise. */
  openCount?: number;
}

/** What `/sitemap.xml` is for a generation: one sitemap of everything, or an index of split ones. */
export type SitemapPlan =
  | { kind: "url-set"; pages: SitePageRef[] }
  | { kind: "index"; scopeFiles: number; pages: SitePageRef[] };

/** The site's pages, oldest first; none before anything is published. */
export function sitePages(manifest: Manifest): SitePageRef[] {
  const entry: ScopeEntry | undefined = manifest.scopes[scopeId({ kind: "site" })];
  if (entry === undefined || entry.open === undefined) return [];
  const pages: SitePageRef[] = entry.archives.map(([name, hash]) => ({ name, hash }));
  pages.push({ name: entry.open.name, hash: entry.head, openCount: entry.open.count });
  return pages;
}

/** The home page and every category, tag and author page, with the newest `updated` of what each lists; no reads. */
export function scopeUrls(manifest: Manifest, base: string): SitemapUrl[] {
  const urls: SitemapUrl[] = [{ loc: `${base}/`, ...(manifest.updated ? { lastmod: manifest.updated } : {}) }];
  for (const entry of Object.values(manifest.scopes)) {
    if (entry.scope.kind === "site") continue;
    urls.push({ loc: `${base}${scopePath(entry.scope)}`, ...(entry.updated ? { lastmod: entry.updated } : {}) });
  }
  return urls;
}

/** Decides what `/sitemap.xml` is: everything at once while it fits in one file and SITEMAP_INLINE_PAGES reads, an index otherwise. */
export function planSitemap(manifest: Manifest, scopeUrlCount: number): SitemapPlan {
  const pages = sitePages(manifest);
  const articles = manifest.scopes[scopeId({ kind: "site" })]?.total ?? 0;
  if (pages.length <= SITEMAP_INLINE_PAGES && scopeUrlCount + articles <= SITEMAP_MAX_URLS) return { kind: "url-set", pages };
  return { kind: "index", scopeFiles: Math.max(1, Math.ceil(scopeUrlCount / SITEMAP_MAX_URLS)), pages };
}
