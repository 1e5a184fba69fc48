import type { Article } from "../../model/article";
import { FEED_FILE_NAMES, isXmlFeedFormat, type FeedFormat } from "../../model/feed-format";
import { DEFAULT_LIMIT, HEAD_SIZE, PAGE_SIZE, pageBelow, pageCount, type FeedPage } from "../../model/feed-page";
import { scopePath, scopeTitle, type Scope } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import type { FeedDocument, FeedItem, FeedLinks } from "./feed-document";

/** What the router asks for: the subscription document (`limit` items) or one numbered page of a scope. */
export interface FeedDocumentInput {
  config: SiteConfig;
  /** The request's origin (`https://edgefeed.example.workers.dev`); links use it only when `config.url` is empty. */
  origin: string;
  scope: Scope;
  /** The stored page: the scope's HeadPage, or the ArchivePage of the page asked for. */
  page: FeedPage;
  /** Items the subscription document shows, 1 to HEAD_SIZE; numbered pages always show their own items. */
  limit: number;
  format: FeedFormat;
  /** Overrides the scope's title (`scopeTitle`). */
  title?: string;
  /**
   * With a HeadPage: render page `pageNumber` instead of the subscription document. Only the open page
   * (`archives + 1`, when `total % PAGE_SIZE` is not 0) lives in the head; full pages come as ArchivePages.
   */
  pageNumber?: number;
  /** With an ArchivePage: all items in the scope (`ScopeEntry.total`), to tell whether the newer page is full. */
  total?: number;
}

// RFC 4151 tag URIs identify items and feeds when no public URL is configured: they do not name the host
// a request came in on, so ids survive moving from workers.dev to a custom domain.
const TAG_PREFIX = "tag:edgefeed,2026:";

// An empty document (an empty site) still needs an Atom `updated` (RFC 4287 §4.2.15). No item dates it, so a
// fixed date keeps its bytes stable: the date the tag URIs above name. (The W3C validator calls anything
// before 1990, such as the Unix epoch, an "implausible date".)
const EMPTY_UPDATED = "2026-01-01T00:00:00Z";

/** Derives the format-neutral FeedDocument for a stored page; pure, so the same input gives the same document. */
export function buildFeedDocument(input: FeedDocumentInput): FeedDocument {
  const { config, scope, page, format } = input;
  const base = siteBase(config, input.origin);
  const path = scopePath(scope);
  const feedUrl = `${base}${path}${FEED_FILE_NAMES[format]}`;
  const pageUrl = (pageNumber: number): string => `${feedUrl}?page=${pageNumber}`;
  const selected = selectItems(input);
  const links: FeedLinks = { self: "", alternate: `${base}${path}` };

  if (selected.pageNumber === undefined) {
    // RFC 5005 §2: the subscription document; `next` leads to the page holding the first item it leaves out.
    links.self = input.limit === DEFAULT_LIMIT ? feedUrl : `${feedUrl}?limit=${input.limit}`;
    const below = pageBelow(selected.total, selected.items.length);
    if (below !== undefined) {
      links.next = pageUrl(below);
      if (below <= selected.archives) links.prevArchive = links.next;
    }
  } else {
    // RFC 5005 §4: "Archive documents … SHOULD contain a 'current' link" to the subscription document,
    // a 'prev-archive' link to the next older archive and a 'next-archive' link to the next newer one.
    links.self = pageUrl(selected.pageNumber);
    links.current = feedUrl;
    if (selected.pageNumber > 1) {
      links.next = pageUrl(selected.pageNumber - 1);
      links.prevArchive = links.next;
    }
    // The newest archive links the open page above it too: pages count from the oldest, so ?page=K+1 is
    // where the next archive will be once full. Without it a scope's only archive (21 to 39 items) would
    // have neither archive link, which the W3C validator reports as "Archive incomplete" (RFC 5005 §4
    // archives are found by walking these links).
    if (selected.pageNumber + 1 <= pageCount(selected.total)) links.nextArchive = pageUrl(selected.pageNumber + 1);
  }
  if (isXmlFeedFormat(format)) links.stylesheet = `${base}/feed.xsl`;

  const title = input.title ?? scopeTitle(scope, config.title);
  return {
    id: config.url ? `${config.url}${path}` : `${TAG_PREFIX}scopes${path}`,
    title,
    description: scope.kind === "site" && config.description ? config.description : title,
    language: config.language,
    author: config.author || config.title,
    updated: newestUpdated(selected.items),
    links,
    archive: selected.pageNumber !== undefined && selected.pageNumber <= selected.archives,
    items: selected.items.map((article) => feedItem(article, config, base)),
  };
}

/** The public base URL without a trailing slash: the configured site URL, else the request's origin. */
function siteBase(config: SiteConfig, origin: string): string {
  if (config.url) return config.url.replace(/\/+$/, "");
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    throw new Error(`buildFeedDocument: origin must be an absolute URL when SITE_URL is unset, got ${JSON.stringify(origin)}`);
  }
  return parsed.origin;
}

interface SelectedItems {
  items: Article[];
  total: number;
  archives: number;
  /** Undefined for the subscription document. */
  pageNumber?: number;
}

/** Picks the items of the document asked for and checks the request fits the stored page. */
function selectItems(input: FeedDocumentInput): SelectedItems {
  const { page } = input;
  if (page.kind === "archive") {
    if (input.total === undefined) throw new Error(`buildFeedDocument: archive page ${page.index} needs the scope's total`);
    const archives = Math.floor(input.total / PAGE_SIZE);
    if (page.index < 1 || page.index > archives) {
      throw new Error(`buildFeedDocument: page ${page.index} is not a full archive page of ${input.total} items`);
    }
    return { items: page.items, total: input.total, archives, pageNumber: page.index };
  }
  if (input.pageNumber === undefined) {
    if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > HEAD_SIZE) {
      throw new Error(`buildFeedDocument: limit must be an integer from 1 to ${HEAD_SIZE}, got ${input.limit}`);
    }
    return { items: page.items.slice(0, input.limit), total: page.total, archives: page.archives };
  }
  const open = page.total % PAGE_SIZE;
  if (input.pageNumber !== page.archives + 1 || open === 0) {
    throw new Error(
      `buildFeedDocument: the head holds only the open page ${open === 0 ? "(none)" : page.archives + 1}, not page ${input.pageNumber}`,
    );
  }
  return { items: page.items.slice(0, open), total: page.total, archives: page.archives, pageNumber: input.pageNumber };
}

/** The newest `updated` among the items (compared as instants, not strings), or EMPTY_UPDATED when there are none. */
function newestUpdated(items: Article[]): string {
  let newest = EMPTY_UPDATED;
  let newestTime = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const time = Date.parse(item.updated);
    if (Number.isNaN(time)) throw new Error(`buildFeedDocument: article ${item.id} has a bad updated date ${JSON.stringify(item.updated)}`);
    if (time > newestTime) {
      newest = item.updated;
      newestTime = time;
    }
  }
  return newest;
}

/** The article with its absolute URL and its permanent id. */
function feedItem(article: Article, config: SiteConfig, base: string): FeedItem {
  const url = `${base}/articles/${encodeURIComponent(article.id)}`;
  // ID_SCHEME "hexo-permalink": the id hexo-generator-feed gave the item (its Hexo URL, which the Worker
  // redirects to the article), so a reader that had the Hexo site's items keeps them as read.
  if (config.idScheme === "hexo-permalink" && article.permalink !== undefined) return { article, url, id: article.permalink, idIsPermalink: true };
  // With a public URL the permalink is the id (RSS `isPermaLink="true"`); without one, the link depends on
  // the host a request used, so the id is a tag URI instead.
  if (config.url) return { article, url, id: url, idIsPermalink: true };
  return { article, url, id: `${TAG_PREFIX}articles/${encodeURIComponent(article.id)}`, idIsPermalink: false };
}
