import { StatusError } from "itty-router";
import { FEED_FILE_NAMES, FEED_MEDIA_TYPES, type FeedFormat } from "../../model/feed-format";
import { DEFAULT_LIMIT, type FeedPage, pageCount } from "../../model/feed-page";
import type { ScopeEntry } from "../../model/manifest";
import { type Scope, scopeId, scopePath } from "../../model/scope";
import { buildFeedDocument } from "../feeds/build-feed-document";
import { renderFeed } from "../feeds/render-feed";
import { ARCHIVE_CACHE_CONTROL, CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { computeEntityTag } from "../http/compute-entity-tag";
import { StoreError } from "../store/store-error";
import { findScopeEntry } from "./find-scope-entry";
import { loadLiveGeneration } from "./load-live-generation";
import { parseFeedQuery } from "./parse-feed-query";
import type { SiteContext } from "./site-context";

/** Which stored page a request needs, decided from the manifest alone. */
interface PageChoice {
  /** Hash of the page to read; undefined for the empty site feed of an empty generation. */
  hash: string | undefined;
  /** A full archive page (immutable), as opposed to the head. */
  archive: boolean;
  pageNumber?: number;
}

/**
 * Serves a scope's feed in one format: the subscription document (`?limit=`, newest first) or page
 * `?page=K` (RFC 5005: 1 is the oldest; full pages come from the archives, the open newest page from
 * the head). Costs `current` and one page read, or only `current` when the cache or a 304 answers.
 */
export async function serveFeed(site: SiteContext, requestUrl: URL, scope: Scope, format: FeedFormat): Promise<Response> {
  const query = parseFeedQuery(requestUrl.searchParams);
  const { manifest } = await loadLiveGeneration(site);
  // An empty generation has no scopes, but the site feed still exists: it is empty.
  const entry: ScopeEntry =
    scope.kind === "site" && manifest.scopes[scopeId(scope)] === undefined
      ? { scope, total: 0, updated: "", head: "", archives: [] }
      : findScopeEntry(manifest, scope);
  const choice = choosePage(entry, query.page, requestUrl, format);

  const feedPath = `${scopePath(entry.scope)}${FEED_FILE_NAMES[format]}`;
  const cacheQuery = choice.pageNumber !== undefined ? `?page=${choice.pageNumber}` : query.limit !== DEFAULT_LIMIT ? `?limit=${query.limit}` : "";
  const etag = await computeEntityTag([
    "feed",
    site.fingerprint,
    format,
    choice.hash ?? "empty",
    choice.pageNumber === undefined ? `limit=${query.limit}` : `page=${choice.pageNumber}`,
    // An archive page's links depend on how many pages the scope has (RFC 5005 `next-archive`): the newest
    // archive links the page above it once there is one.
    choice.archive ? `archives=${entry.archives.length},pages=${pageCount(entry.total)}` : "",
  ]);

  return site.serve({
    cacheUrl: `${site.cacheBase}${feedPath}${cacheQuery}`,
    etag,
    cacheControl: choice.archive ? ARCHIVE_CACHE_CONTROL : CHANGING_CACHE_CONTROL,
    cors: true,
    async render() {
      const page = choice.hash === undefined ? emptyHead(entry.scope) : await site.store.readPage(choice.hash);
      const expected = choice.archive ? "archive" : "head";
      if (page.kind !== expected) throw new StoreError(`page:${choice.hash}`, `expected a ${expected} page for ${scopeId(entry.scope)}`);
      const document = buildFeedDocument({
        config: site.config,
        origin: site.base,
        scope: entry.scope,
        page,
        limit: query.limit,
        format,
        ...(choice.pageNumber === undefined ? {} : { pageNumber: choice.pageNumber }),
        total: entry.total,
      });
      return { body: renderFeed(document, format), contentType: FEED_MEDIA_TYPES[format], lastModified: document.updated };
    },
  });
}

function choosePage(entry: ScopeEntry, pageNumber: number | undefined, requestUrl: URL, format: FeedFormat): PageChoice {
  if (pageNumber === undefined) return { hash: entry.head || undefined, archive: false };
  const pages = pageCount(entry.total);
  if (pageNumber > pages) {
    const feed = `${scopePath(entry.scope)}${FEED_FILE_NAMES[format]}`;
    const range = pages === 0 ? "it has no pages yet" : pages === 1 ? "its only page is ?page=1" : `its pages are ?page=1 (oldest) to ?page=${pages} (newest)`;
    throw new StatusError(404, `${requestUrl.pathname}: there is no page ${pageNumber}; ${entry.total} items, so ${range}. The newest items are at ${feed}.`);
  }
  const archiveHash = entry.archives[pageNumber - 1];
  if (archiveHash !== undefined) return { hash: archiveHash, archive: true, pageNumber };
  // pageCount says this page exists and no archive holds it: it is the open newest page, in the head.
  return { hash: entry.head, archive: false, pageNumber };
}

function emptyHead(scope: Scope): FeedPage {
  return { kind: "head", scope, total: 0, archives: 0, items: [] };
}
