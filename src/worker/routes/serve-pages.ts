import { StatusError } from "itty-router";
import type { CategoryNode, Manifest } from "../../model/manifest";
import { shardOfArticle } from "../../model/manifest";
import { HEAD_SIZE } from "../../model/feed-page";
import { type Scope, scopeId, scopePath } from "../../model/scope";
import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { computeEntityTag } from "../http/compute-entity-tag";
import { renderArticlePage } from "../pages/render-article-page";
import { renderHomePage } from "../pages/render-home-page";
import { LISTING_SIZE, assembleListingPage, planListingPage } from "../pages/plan-listing-page";
import { readListingPageNumber } from "../pages/read-listing-page-number";
import { renderScopePage } from "../pages/render-scope-page";
import { findScopeEntry } from "./find-scope-entry";
import { loadLiveGeneration } from "./load-live-generation";
import type { SiteContext } from "./site-context";

const HTML = "text/html; charset=utf-8";

// Lists on HTML pages show as many articles as a default feed does.
const LISTED_ARTICLES = 20;

/** Serves the home page: the site's feeds, the category tree with counts, tags and the newest articles. */
export async function serveHomePage(site: SiteContext): Promise<Response> {
  const { current, manifest } = await loadLiveGeneration(site);
  const entry = manifest.scopes[scopeId({ kind: "site" })];
  return site.serve({
    cacheUrl: `${site.cacheBase}/`,
    // The manifest's hash covers the tree and counts; the head's the listed articles.
    etag: await computeEntityTag(["home", site.fingerprint, current.manifest]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: false,
    async render() {
      const newest = entry ? (await site.store.readPage(entry.head)).items.slice(0, LISTED_ARTICLES) : [];
      return {
        body: renderHomePage({ config: site.config, base: site.base, manifest, newest, total: entry?.total ?? 0 }),
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
  const requested = readListingPageNumber(requestUrl.searchParams);
  // The head holds the newest min(total, HEAD_SIZE) articles, so the plan needs no read.
  const headLength = Math.min(entry.total, HEAD_SIZE);
  const plan = planListingPage(entry.total, entry.archives.length, headLength, requested);
  if (plan === undefined) {
    const pages = Math.max(1, Math.ceil(entry.total / LISTING_SIZE));
    throw new StatusError(404, `${scopePath(entry.scope)} has ${pages === 1 ? "one page" : `pages ?page=1 (newest) to ?page=${pages}`}, not ?page=${requested}.`);
  }
  const pageQuery = plan.page === 1 ? "" : `?page=${plan.page}`;
  return site.serve({
    cacheUrl: `${site.cacheBase}${scopePath(entry.scope)}${pageQuery}`,
    etag: await computeEntityTag(["scope-page", site.fingerprint, current.manifest, scopeId(entry.scope), `page=${plan.page}`]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: false,
    async render() {
      const [head, ...archives] = await Promise.all([
        plan.start < headLength ? site.store.readPage(entry.head) : undefined,
        ...plan.archives.map((archive) => site.store.readPage(entry.archives[archive - 1]!)),
      ]);
      const archivePages = new Map(plan.archives.map((archive, index) => [archive, archives[index]!.items]));
      const body = renderScopePage({
        config: site.config,
        base: site.base,
        scope: entry.scope,
        total: entry.total,
        children: entry.scope.kind === "category" ? findCategoryNode(manifest, entry.scope.path)?.children ?? [] : [],
        articles: assembleListingPage(plan, entry.total, head?.items ?? [], archivePages),
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

/** Serves `/articles/<id>`: reads the id's shard, then the article; 404 for an id the generation lacks. */
export async function serveArticlePage(site: SiteContext, id: string): Promise<Response> {
  const { manifest } = await loadLiveGeneration(site);
  const missing = (): StatusError =>
    new StatusError(404, `There is no article with the id "${id}" in the live generation. The home page / lists the newest articles.`);
  const shardHash = manifest.shards[shardOfArticle(id)];
  if (shardHash === undefined) throw missing();
  const { articles } = await site.store.readShard(shardHash);
  // Own keys only: an id like "constructor" must not find Object.prototype's.
  const articleHash = Object.hasOwn(articles, id) ? articles[id] : undefined;
  if (typeof articleHash !== "string") throw missing();
  return site.serve({
    cacheUrl: `${site.cacheBase}/articles/${encodeURIComponent(id)}`,
    etag: await computeEntityTag(["article", site.fingerprint, articleHash]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: false,
    async render() {
      const article = await site.store.readArticle(articleHash);
      return { body: renderArticlePage({ config: site.config, base: site.base, article }), contentType: HTML, lastModified: article.updated };
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
