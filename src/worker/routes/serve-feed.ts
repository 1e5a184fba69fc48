import { StatusError } from "itty-router";
import { FEED_FILE_NAMES, FEED_MEDIA_TYPES, type FeedFormat } from "../../model/feed-format";
import { DEFAULT_LIMIT, HEAD_SIZE, type FeedPage } from "../../model/feed-page";
import { type FoundPage, findPageByName, findPageBySecond } from "../../model/find-page";
import type { ScopeEntry } from "../../model/manifest";
import { type Scope, scopeId, scopePath } from "../../model/scope";
import { subscriptionVersion } from "../../model/subscription-version";
import { buildFeedDocument, type ScopePages } from "../feeds/build-feed-document";
import { feedQueryString } from "../feeds/feed-query-string";
import { renderFeed } from "../feeds/render-feed";
import { ARCHIVE_CACHE_CONTROL, CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { computeEntityTag } from "../http/compute-entity-tag";
import { renderFeedView } from "../pages/render-feed-view";
import { StoreError } from "../store/store-error";
import { findScopeEntry } from "./find-scope-entry";
import { loadLiveGeneration } from "./load-live-generation";
import { type FeedQuery, parseFeedQuery } from "./parse-feed-query";
import type { SiteContext } from "./site-context";

// Pages of the layout before page names held 20 items each, counted from the oldest (`?page=1`).
const OLD_PAGE_SIZE = 20;

/**
 * Serves a scope's feed in one format: the subscription document (`?limit=`, newest first) or the page
 * `?page=<name>` (RFC 5005: archives, and the open newest page from the head). An old `?page=<number>` or a
 * name no page has any more (its first item moved) is redirected to the page holding those items now.
 * Costs `current` and one page read, or only `current` when the cache or a 304 answers.
 *
 * `?filter=`, `?filterout=` and `?mode=summary` select among the items of the document asked for and strip
 * their HTML (buildFeedDocument); the entity tag, the cache key and every link carry them.
 *
 * A browser's navigation (`Sec-Fetch-Dest: document`, which only browsers send, and only for what a person
 * opens) gets the same document as an HTML page (renderFeedView) instead: another representation of the same
 * URL, with its own entity tag and cache key, and `Vary: Sec-Fetch-Dest` on both (RFC 9110 §12.5.5), so no
 * cache hands one to the other. Readers' bytes do not depend on it.
 */
export async function serveFeed(site: SiteContext, request: Request, scope: Scope, format: FeedFormat): Promise<Response> {
  const requestUrl = new URL(request.url);
  const forBrowser = request.headers.get("Sec-Fetch-Dest") === "document";
  const query = parseFeedQuery(requestUrl.searchParams);
  const { current, manifest } = await loadLiveGeneration(site);
  // An empty generation has no scopes, but the site feed still exists: it is empty.
  const entry: ScopeEntry =
    scope.kind === "site" && manifest.scopes[scopeId(scope)] === undefined
      ? { scope, total: 0, updated: "", head: "", archives: [] }
      : findScopeEntry(manifest, scope);
  const feedPath = `${scopePath(entry.scope)}${FEED_FILE_NAMES[format]}`;

  let found: FoundPage | undefined;
  if (query.page !== undefined || query.oldPageNumber !== undefined) {
    found = query.page === undefined ? undefined : findPageByName(entry, query.page);
    if (found === undefined) return redirectToPage(requestUrl, entry, feedPath, query);
  }
  const hash = found?.kind === "archive" ? entry.archives[found.index]![1] : entry.head || undefined;
  const filtered = query.filter.length > 0 || query.filterout.length > 0;
  // One spelling per request (parameters in a fixed order, words NFC): the self link's query, and the cache's.
  const cacheQuery = feedQueryString({
    ...(found !== undefined ? { page: found.name } : query.limit !== DEFAULT_LIMIT ? { limit: query.limit } : {}),
    filter: query.filter,
    filterout: query.filterout,
    mode: query.mode,
  });
  const etag = await computeEntityTag([
    forBrowser ? "feed-view" : "feed",
    site.fingerprint,
    format,
    found === undefined ? `limit=${query.limit}` : `page=${found.name}`,
    // Words as given: they are in the links, so `filter=A` and `filter=a` differ in their bytes.
    `query=${cacheQuery}`,
    // The links name other pages: the subscription document's next page and newest archive (its version),
    // a page's neighbours (and the open page's size, which the head's hash does not cover). A filtered
    // subscription document's next page is the one after the last item it looked at, which only the head's
    // items tell: the pages that hold the head's items stand for it.
    found === undefined
      ? filtered
        ? `head=${hash ?? "empty"},next=${pagesHoldingNewest(entry, HEAD_SIZE + 1)},archive=${entry.archives.at(-1)?.[0] ?? ""}`
        : subscriptionVersion(entry, query.limit)
      : `${hash ?? "empty"},older=${neighbour(entry, found, -1)},newer=${neighbour(entry, found, 1)},open=${entry.open?.count ?? 0}`,
  ]);

  const cacheUrl = new URL(`${site.cacheBase}${feedPath}${cacheQuery}`);
  if (forBrowser) cacheUrl.searchParams.set("view", "browser");
  const response = await site.serve({
    cacheUrl: cacheUrl.href,
    etag,
    cacheControl: found?.kind === "archive" ? ARCHIVE_CACHE_CONTROL : CHANGING_CACHE_CONTROL,
    cors: !forBrowser,
    async render() {
      // Of a head, only the items the document can show: the newest `limit` (unfiltered) or the open page's.
      // A filter looks at up to all of them, and an archive shows all of its own.
      const leadingItems = found?.kind === "archive" || filtered ? undefined : found?.kind === "open" ? entry.open?.count : query.limit;
      const page = hash === undefined ? EMPTY_HEAD : await site.store.readPage(hash, leadingItems);
      const expected = found?.kind === "archive" ? "archive" : "head";
      if (page.kind !== expected) throw new StoreError(`page:${hash}`, `expected a ${expected} page for ${scopeId(entry.scope)}`);
      if (page.kind === "archive" && page.name !== found?.name) throw new StoreError(`page:${hash}`, `expected page ${found?.name} of ${scopeId(entry.scope)}, found ${page.name}`);
      const built = buildFeedDocument({
        config: site.config,
        origin: site.base,
        scope: entry.scope,
        page,
        limit: query.limit,
        format,
        pages: entry,
        openPage: found?.kind === "open",
        filter: query,
        mode: query.mode,
      });
      if (forBrowser) {
        // The view shows no images, so it needs no image tokens.
        const html = renderFeedView({ config: site.config, base: site.base, scope: entry.scope, format, document: built });
        return { body: html, contentType: "text/html; charset=utf-8", lastModified: built.updated };
      }
      // Only the items the document shows get image tokens: a head page holds up to 100.
      const articles = await site.proxyImages(built.items.map((item) => item.article));
      const document = { ...built, items: built.items.map((item, index) => ({ ...item, article: articles[index]! })) };
      return { body: renderFeed(document, format), contentType: FEED_MEDIA_TYPES[format], lastModified: document.updated };
    },
  });
  // Added after the cache: our cache keys already tell the views apart. serveRepresentation's response has
  // headers of its own, so they are added to it rather than to a copy.
  const { headers } = response;
  headers.append("Vary", "Sec-Fetch-Dest");
  // W3C WebSub §4: "The HTTP response from the publisher MUST include at least one Link Header [RFC5988] with
  // rel=hub … as well as exactly one Link Header with rel=self", which subscribers look for before the
  // body's links. Only where the body names the hub too (the documents a publish pings, see
  // buildFeedDocument), and never on the browser view, which is a page, not a topic.
  if (response.status === 200 && !forBrowser && site.config.websubHub !== "" && found === undefined && !filtered && query.limit === DEFAULT_LIMIT && (query.mode ?? "full") === "full") {
    // new URL(…).href: a header takes ASCII only, and a SITE_URL path may hold other characters.
    headers.append("Link", `<${new URL(site.config.websubHub).href}>; rel="hub", <${new URL(`${site.base}${feedPath}`).href}>; rel="self"`);
  }
  // Everything above came from the URL, Sec-Fetch-Dest and this generation (conditional requests aside,
  // which kept answers never serve).
  if (response.status === 200) site.keepAnswer(current.manifest);
  return response;
}

/**
 * The names and sizes of the pages holding the scope's newest `count` items, newest first, and its total:
 * everything pageHoldingNewestIndex reads for an index below `count`.
 */
function pagesHoldingNewest(pages: ScopePages, count: number): string {
  const names: string[] = [`total=${pages.total}`];
  if (pages.open === undefined) return names.join(",");
  names.push(`${pages.open.name}:${pages.open.count}`);
  let covered = pages.open.count;
  for (let archive = pages.archives.length - 1; archive >= 0 && covered < count; archive--) {
    const [name, , size] = pages.archives[archive]!;
    names.push(`${name}:${size}`);
    covered += size;
  }
  return names.join(",");
}

/** The name of the page next to `found` (`step` -1 older, 1 newer), or "" at either end. */
function neighbour(entry: ScopeEntry, found: FoundPage, step: -1 | 1): string {
  const names = [...entry.archives.map((archive) => archive[0]), ...(entry.open ? [entry.open.name] : [])];
  const index = found.kind === "open" ? names.length - 1 : found.index;
  return names[index + step] ?? "";
}

/**
 * A 301 to the page that now holds what a request's page held: an old page number's oldest item, or the
 * second a page name no page has any more; 404 saying which pages exist when nothing does.
 */
function redirectToPage(requestUrl: URL, entry: ScopeEntry, feedPath: string, query: FeedQuery): Response {
  let target: string | undefined;
  if (query.page !== undefined) {
    target = findPageBySecond(entry, query.page)?.name;
  } else {
    // Old page K held the items (K-1)·20 to K·20-1 counted from the oldest: send it to the page of its oldest.
    const position = (query.oldPageNumber! - 1) * OLD_PAGE_SIZE;
    target = position < entry.total ? pageHoldingOldestIndex(entry, position) : undefined;
  }
  if (target === undefined) {
    const asked = query.page ?? String(query.oldPageNumber);
    const range = entry.total === 0 ? "it has no pages yet" : `its pages run from ?page=${entry.archives[0]?.[0] ?? entry.open!.name} (oldest) to ?page=${entry.open!.name} (newest)`;
    throw new StatusError(404, `${requestUrl.pathname}: there is no page ${asked}; ${entry.total} items, so ${range}. The newest items are at ${feedPath}.`);
  }
  // The request's own parameters, in the canonical spelling the page's self link will have (URLSearchParams
  // would write a space in a filter word as "+").
  const location = new URL(requestUrl);
  location.search = feedQueryString({ ...query, page: target, ...(query.limit === DEFAULT_LIMIT ? { limit: undefined } : {}) });
  return new Response(null, { status: 301, headers: { Location: location.href, "Cache-Control": CHANGING_CACHE_CONTROL } });
}

/** The name of the page holding the item `position` places from the oldest (0 the oldest). */
function pageHoldingOldestIndex(entry: ScopeEntry, position: number): string | undefined {
  let olderItems = 0;
  for (const [name, , count] of entry.archives) {
    olderItems += count;
    if (position < olderItems) return name;
  }
  return entry.open?.name;
}

/** The head of a scope with no items (an empty site). */
const EMPTY_HEAD: FeedPage = { kind: "head", items: [] };
