import { StatusError } from "itty-router";
import type { Article } from "../../model/article";
import { findPageByName, findPageByTime } from "../../model/find-page";
import type { CategoryNode, Manifest, ScopeEntry } from "../../model/manifest";
import { shardOfArticle } from "../../model/manifest";
import { type Scope, scopeId, scopePath } from "../../model/scope";
import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { computeEntityTag } from "../http/compute-entity-tag";
import { LISTING_SIZE, type ListingPlan, assembleListingPage, planListingPage } from "../pages/plan-listing-page";
import { readListingPageNumber } from "../pages/read-listing-page-number";
import { renderArticlePage } from "../pages/render-article-page";
import { renderHomePage } from "../pages/render-home-page";
import { renderScopePage } from "../pages/render-scope-page";
import { StoreError } from "../store/store-error";
import { findScopeEntry } from "./find-scope-entry";
import { loadLiveGeneration } from "./load-live-generation";
import type { SiteContext } from "./site-context";

const HTML = "text/html; charset=utf-8";

/**
 * Serves the home page: the site's feeds, the category tree with counts, tags, and listing page `?page=`
 * of all articles (1 is the newest, the default); 404 for a page past the last.
 */
export async function serveHomePage(site: SiteContext, requestUrl: URL): Promise<Response> {
  const { current, manifest } = await loadLiveGeneration(site);
  // An empty generation has no site scope: the home page then lists nothing.
  const entry: ScopeEntry = manifest.scopes[scopeId({ kind: "site" })] ?? { scope: { kind: "site" }, total: 0, updated: "", head: "", archives: [] };
  const plan = planOrNotFound(entry, readListingPageNumber(requestUrl.searchParams));
  return site.serve({
    cacheUrl: `${site.cacheBase}/${plan.page === 1 ? "" : `?page=${plan.page}`}`,
    // The manifest's hash covers the tree, the counts and the listed articles.
    etag: await computeEntityTag(["home", site.fingerprint, current.manifest, `page=${plan.page}`]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: false,
    async render() {
      const articles = await readListing(site, entry, plan);
      return {
        body: renderHomePage({ config: site.config, base: site.base, manifest, articles, total: entry.total, page: plan.page, pages: plan.pages }),
        contentType: HTML,
        lastModified: manifest.updated || undefined,
      };
    },
  });
}

/**
 * Serves a category's or tag's HTML page, listing page `?page=` (1 is the newest, the default); 404 saying
 * what exists when the scope or the page does not. Reads the head, or the archive pages a deep listing
 * page spans (at most two).
 */
export async function serveScopePage(site: SiteContext, scope: Scope, requestUrl: URL): Promise<Response> {
  const { current, manifest } = await loadLiveGeneration(site);
  const entry = findScopeEntry(manifest, scope);
  const plan = planOrNotFound(entry, readListingPageNumber(requestUrl.searchParams));
  const pageQuery = plan.page === 1 ? "" : `?page=${plan.page}`;
  return site.serve({
    cacheUrl: `${site.cacheBase}${scopePath(entry.scope)}${pageQuery}`,
    etag: await computeEntityTag(["scope-page", site.fingerprint, current.manifest, scopeId(entry.scope), `page=${plan.page}`]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: false,
    async render() {
      const body = renderScopePage({
        config: site.config,
        base: site.base,
        scope: entry.scope,
        total: entry.total,
        children: entry.scope.kind === "category" ? findCategoryNode(manifest, entry.scope.path)?.children ?? [] : [],
        articles: await readListing(site, entry, plan),
        page: plan.page,
        pages: plan.pages,
      });
      return { body, contentType: HTML, lastModified: entry.updated };
    },
  });
}

/** Answers `/categories/金融` with a 301 to `/categories/金融/`, the page's canonical URL, when the scope exists (404 otherwise). */
export async function redirectToScopePage(site: SiteContext, requestUrl: URL, scope: Scope): Promise<Response> {
  const { manifest } = await loadLiveGeneration(site);
  findScopeEntry(manifest, scope);
  const target = new URL(requestUrl);
  target.pathname += "/";
  return new Response(null, { status: 301, headers: { Location: target.toString(), "Cache-Control": CHANGING_CACHE_CONTROL } });
}

/**
 * Serves `/articles/<id>`: reads the id's shard, which says where the article is, then the site's page that
 * holds it (or, for an article too long for pages, the article itself); 404 for an id the generation lacks.
 */
export async function serveArticlePage(site: SiteContext, id: string): Promise<Response> {
  const { manifest } = await loadLiveGeneration(site);
  const missing = (): StatusError =>
    new StatusError(404, `There is no article with the id "${id}" in the live generation. The home page / lists the newest articles.`);
  const shardHash = manifest.shards[shardOfArticle(id, manifest.shardCount)];
  const siteEntry = manifest.scopes[scopeId({ kind: "site" })];
  if (shardHash === undefined || siteEntry === undefined) throw missing();
  const { articles } = await site.store.readShard(shardHash);
  // Own keys only: an id like "constructor" must not find Object.prototype's.
  const location = Object.hasOwn(articles, id) ? articles[id] : undefined;
  if (location === undefined) throw missing();
  const pageName = location.page ?? findPageByTime(siteEntry, location.published);
  const found = pageName === undefined ? undefined : findPageByName(siteEntry, pageName);
  if (location.article === undefined && found === undefined) throw new StoreError(`shard:${shardHash}`, `article ${id} is on page ${pageName ?? "(none)"}, which the site has not`);
  const valueHash = location.article ?? (found!.kind === "archive" ? siteEntry.archives[found!.index]![1] : siteEntry.head);
  return site.serve({
    cacheUrl: `${site.cacheBase}/articles/${encodeURIComponent(id)}`,
    etag: await computeEntityTag(["article", site.fingerprint, valueHash, id]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: false,
    async render() {
      const article = location.article !== undefined ? await site.store.readArticle(location.article) : (await site.store.readPage(valueHash)).items.find((item) => item.id === id);
      if (article === undefined || article.id !== id) throw new StoreError(`page:${valueHash}`, `article ${id} is not on the page its shard names`);
      const [shown] = await site.proxyImages([article]);
      return { body: renderArticlePage({ config: site.config, base: site.base, article: shown! }), contentType: HTML, lastModified: article.updated };
    },
  });
}

function findCategoryNode(manifest: Manifest, path: readonly string[]): CategoryNode | undefined {
  let level = manifest.categories;
  let node: CategoryNode | undefined;
  for (const name of path) {
    node = level.find((candidate) => candidate.name === name);
    if (!node) return undefined;
    level = node.children;
  }
  return node;
}

/** Plans listing page `requested` of a scope; 404 naming the pages that exist when it is past the last. */
function planOrNotFound(entry: ScopeEntry, requested: number): ListingPlan {
  const plan = planListingPage(entry, requested);
  if (plan !== undefined) return plan;
  const pages = Math.max(1, Math.ceil(entry.total / LISTING_SIZE));
  throw new StatusError(404, `${scopePath(entry.scope)} has ${pages === 1 ? "one page" : `pages ?page=1 (newest) to ?page=${pages}`}, not ?page=${requested}.`);
}

/** Reads the articles of a planned listing page: the head when the page reaches into it, and the archive pages it spans (at most three). */
async function readListing(site: SiteContext, entry: ScopeEntry, plan: ListingPlan): Promise<Article[]> {
  if (plan.start === plan.end) return [];
  const [head, ...archives] = await Promise.all([
    plan.head ? site.store.readPage(entry.head) : undefined,
    ...plan.archives.map((archive) => site.store.readPage(entry.archives[archive]![1])),
  ]);
  const archivePages = new Map(plan.archives.map((archive, index) => [archive, archives[index]!.items]));
  return assembleListingPage(plan, entry, head?.items ?? [], archivePages);
}
