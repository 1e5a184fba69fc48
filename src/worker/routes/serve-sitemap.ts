import { StatusError } from "itty-router";
import type { Article } from "../../model/article";
import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { computeEntityTag } from "../http/compute-entity-tag";
import { type SitePageRef, SITEMAP_MAX_URLS, planSitemap, scopeUrls, sitePages } from "../sitemaps/plan-sitemap";
import { renderSitemapIndex } from "../sitemaps/render-sitemap-index";
import { type SitemapUrl, renderUrlSet } from "../sitemaps/render-url-set";
import { StoreError } from "../store/store-error";
import { loadLiveGeneration } from "./load-live-generation";
import type { SiteContext } from "./site-context";

// The protocol names no media type; XML's own is what search engines and xmllint take.
const SITEMAP_MEDIA_TYPE = "application/xml; charset=utf-8";

/** The path of the split sitemaps, below the site's base. */
export const SITEMAP_FOLDER = "/sitemaps/";

/**
 * Serves `/sitemap.xml`: the home, category, tag and article pages with their `lastmod`, in one sitemap
 * while that takes at most SITEMAP_INLINE_PAGES page reads and 50,000 URLs, else a sitemap index of
 * `/sitemaps/scopes-<n>.xml` (from the manifest alone) and `/sitemaps/articles-<page>.xml`, one per site
 * page (one page read each).
 */
export async function serveSitemap(site: SiteContext): Promise<Response> {
  const { current, manifest } = await loadLiveGeneration(site);
  return site.serve({
    cacheUrl: `${site.cacheBase}/sitemap.xml`,
    etag: await computeEntityTag(["sitemap", site.fingerprint, current.manifest]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: false,
    async render() {
      const scopes = scopeUrls(manifest, site.base);
      const plan = planSitemap(manifest, scopes.length);
      if (plan.kind === "url-set") {
        const articles: SitemapUrl[] = [];
        for (const page of plan.pages) articles.push(...articleUrls(site.base, await readPageArticles(site, page)));
        return { body: renderUrlSet([...scopes, ...articles]), contentType: SITEMAP_MEDIA_TYPE, lastModified: manifest.updated || undefined };
      }
      const files: SitemapUrl[] = [];
      for (let number = 1; number <= plan.scopeFiles; number++) files.push({ loc: `${site.base}${SITEMAP_FOLDER}scopes-${number}.xml`, lastmod: manifest.updated });
      // A page's newest `updated` is in the page, not in the manifest: these go without lastmod.
      for (const page of plan.pages) files.push({ loc: `${site.base}${SITEMAP_FOLDER}articles-${page.name}.xml` });
      return { body: renderSitemapIndex(files), contentType: SITEMAP_MEDIA_TYPE, lastModified: manifest.updated || undefined };
    },
  });
}

/** Serves one file a sitemap index lists (`scopes-<n>.xml`, `articles-<page>.xml`); 404 for any other name. */
export async function serveSitemapFile(site: SiteContext, fileName: string): Promise<Response> {
  const { current, manifest } = await loadLiveGeneration(site);
  const scopesMatch = /^scopes-([1-9]\d{0,5})\.xml$/.exec(fileName);
  const articlesMatch = /^articles-(.+)\.xml$/.exec(fileName);
  const scopes = scopesMatch === null ? undefined : scopeUrls(manifest, site.base);
  const number = scopesMatch === null ? 0 : Number(scopesMatch[1]);
  const page = articlesMatch === null ? undefined : sitePages(manifest).find((candidate) => candidate.name === articlesMatch[1]);
  if ((scopes === undefined || (number - 1) * SITEMAP_MAX_URLS >= scopes.length) && page === undefined) {
    throw new StatusError(404, `${SITEMAP_FOLDER}${fileName} is no sitemap of this site (any more): /sitemap.xml lists them.`);
  }
  return site.serve({
    cacheUrl: `${site.cacheBase}${SITEMAP_FOLDER}${encodeURIComponent(fileName)}`,
    etag: await computeEntityTag(["sitemap-file", site.fingerprint, current.manifest, fileName]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: false,
    async render() {
      const urls = scopes !== undefined ? scopes.slice((number - 1) * SITEMAP_MAX_URLS, number * SITEMAP_MAX_URLS) : articleUrls(site.base, await readPageArticles(site, page!));
      return { body: renderUrlSet(urls), contentType: SITEMAP_MEDIA_TYPE, lastModified: manifest.updated || undefined };
    },
  });
}

/** A site page's own articles: an archive's items, or the head's newest `openCount` for the open page. */
async function readPageArticles(site: SiteContext, page: SitePageRef): Promise<Article[]> {
  const stored = await site.store.readPage(page.hash);
  if (page.openCount !== undefined) {
    if (stored.kind !== "head") throw new StoreError(`page:${page.hash}`, "expected the site's head page");
    return stored.items.slice(0, page.openCount);
  }
  if (stored.kind !== "archive") throw new StoreError(`page:${page.hash}`, `expected the site's archive page ${page.name}`);
  return stored.items;
}

function articleUrls(base: string, articles: readonly Article[]): SitemapUrl[] {
  return articles.map((article) => ({ loc: `${base}/articles/${encodeURIComponent(article.id)}`, lastmod: article.updated }));
}
