import type { Article } from "../../model/article";
import { FEED_FILE_NAMES, type FeedFormat } from "../../model/feed-format";
import { DEFAULT_LIMIT, HEAD_SIZE, type FeedPage } from "../../model/feed-page";
import type { ScopeEntry } from "../../model/manifest";
import { pageHoldingNewestIndex } from "../../model/page-holding-newest-index";
import { pageNameOfTime } from "../../model/page-name";
import { escapeHtml } from "../../model/escape-html";
import { scopePath, scopeTitle, type Scope } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import { createItemMatcher, type ItemFilter } from "./create-item-matcher";
import type { FeedDocument, FeedItem, FeedLinks, FeedMode } from "./feed-document";
import { feedQueryString } from "./feed-query-string";
import { tagUriPrefix } from "./tag-uri-prefix";

/** What the router asks for: the subscription document (`limit` items) or one page of a scope. */
export interface FeedDocumentInput {
  config: SiteConfig;
  /** The request's origin (`https://edgefeed.example.workers.dev`); links use it only when `config.url` is empty. */
  origin: string;
  scope: Scope;
  /** The stored page: the scope's HeadPage, or the ArchivePage asked for. */
  page: FeedPage;
  /** Items the subscription document shows, 1 to HEAD_SIZE; pages always show their own items. */
  limit: number;
  format: FeedFormat;
  /** Overrides the scope's title (`scopeTitle`). */
  title?: string;
  /**
   * The scope's pages as the manifest lists them, for the paging links (RFC 5005). Without it the head is
   * taken to hold the whole scope as its only page.
   */
  pages?: ScopePages;
  /** With a HeadPage: render the scope's open page (its newest `pages.open.count` items) instead of the subscription document. */
  openPage?: boolean;
  /**
   * `?filter=` and `?filterout=`: only the items of this document that pass (the subscription document's
   * `limit` counts the items that pass, among the head's); self and paging links carry them.
   */
  filter?: ItemFilter;
  /** `summary` (`?mode=summary`): items without their HTML; links carry it. Default `full`. */
  mode?: FeedMode;
}

/**
 * Whether the input asks for a scope's subscription document as a publish pings it (WebSub's topic): the
 * plain feed URL, with no `limit`, filter or summary mode, which give other documents at other URLs.
 */
export function isSubscriptionTopic(input: Pick<FeedDocumentInput, "limit" | "filter" | "mode">): boolean {
  return input.limit === DEFAULT_LIMIT && (input.mode ?? "full") === "full" && (input.filter?.filter.length ?? 0) === 0 && (input.filter?.filterout.length ?? 0) === 0;
}

/** What the paging links need of a scope's manifest entry. */
export type ScopePages = Pick<ScopeEntry, "total" | "archives" | "open">;

// An empty document (an empty site) still needs an Atom `updated` (RFC 4287 §4.2.15). No item dates it, so a
// fixed date keeps its bytes stable. (The W3C validator calls anything before 1990, such as the Unix epoch,
// an "implausible date".)
const EMPTY_UPDATED = "2026-01-01T00:00:00Z";

/** Derives the format-neutral FeedDocument for a stored page; pure, so the same input gives the same document. */
export function buildFeedDocument(input: FeedDocumentInput): FeedDocument {
  const { config, scope, page, format } = input;
  const base = siteBase(config, input.origin);
  const path = scopePath(scope);
  const feedUrl = `${base}${path}${FEED_FILE_NAMES[format]}`;
  const mode = input.mode ?? "full";
  // What every link keeps of the request, so a reader walking the pages sees the same selection of items.
  const kept = { filter: input.filter?.filter ?? [], filterout: input.filter?.filterout ?? [], mode };
  const pageUrl = (name: string): string => `${feedUrl}${feedQueryString({ page: name, ...kept })}`;
  const pages = input.pages ?? wholeScopeInHead(page);
  const selected = selectItems(input, pages);
  const links: FeedLinks = { self: "", alternate: `${base}${path}` };
  const newestArchive = pages.archives.at(-1)?.[0];

  if (selected.kind === "subscription") {
    // RFC 5005 §2: the subscription document; `next` leads to the page holding the first item it leaves
    // out (its first items may repeat what this one shows), `prev-archive` to the newest archive (§4).
    links.self = `${feedUrl}${feedQueryString({ ...(input.limit === DEFAULT_LIMIT ? {} : { limit: input.limit }), ...kept })}`;
    // WebSub's topic is the self URL, and a publish pings only these (feed.xml, atom.xml, feed.json of each
    // scope): a hub link on `?limit=`, a filtered or summary document or a page would have readers subscribe
    // to a topic no ping ever names and wait for pushes that never come, so those go without one and are polled.
    if (config.websubHub !== "" && isSubscriptionTopic(input)) links.hub = config.websubHub;
    const below = pageHoldingNewestIndex(pages, selected.examined);
    if (below !== undefined) links.next = pageUrl(below);
    if (newestArchive !== undefined) links.prevArchive = pageUrl(newestArchive);
  } else {
    // RFC 5005 §4: "Archive documents … SHOULD contain a 'current' link" to the subscription document,
    // a 'prev-archive' link to the next older archive and a 'next-archive' link to the next newer one.
    // The open page is not an archive yet (it grows), but links the same way, so walking `next` from the
    // subscription document reaches every item.
    links.self = pageUrl(selected.name);
    links.current = `${feedUrl}${feedQueryString(kept)}`;
    const older = selected.kind === "archive" ? pages.archives[selected.index - 1]?.[0] : newestArchive;
    if (older !== undefined) {
      links.next = pageUrl(older);
      links.prevArchive = links.next;
    }
    // Every archive has a newer page (the next archive, or the open page that follows the newest): without
    // it a scope's only archive would have neither archive link, which the W3C validator reports as
    // "Archive incomplete" (RFC 5005 §4 archives are found by walking these links).
    if (selected.kind === "archive") {
      const newer = pages.archives[selected.index + 1]?.[0] ?? pages.open?.name;
      if (newer !== undefined) links.nextArchive = pageUrl(newer);
    }
  }

  const title = input.title ?? scopeTitle(scope, config.title);
  const tagPrefix = tagUriPrefix(config, base);
  return {
    id: config.url && !config.siteId ? `${config.url}${path}` : `${tagPrefix}scopes${path}`,
    title,
    description: scope.kind === "site" && config.description ? config.description : title,
    language: config.language,
    // An author's feed is theirs (RFC 4287 §4.2.1: the feed's author); every item in it names them too.
    author: scope.kind === "author" ? scope.name : config.author || config.title,
    updated: newestUpdated(selected.items),
    links,
    archive: selected.kind === "archive",
    mode,
    items: selected.items.map((article) => feedItem(mode === "summary" ? withoutHtml(article) : article, config, base, tagPrefix)),
  };
}

/** The article without its HTML (`?mode=summary`): nothing downstream (image tokens, renderers) spends time on it. */
function withoutHtml(article: Article): Article {
  const { truncated: _truncated, ...rest } = article;
  return { ...rest, contentHtml: "" };
}

/** The pages of a scope whose head holds all of it: no archives, one open page. */
function wholeScopeInHead(page: FeedPage): ScopePages {
  if (page.kind === "archive") throw new Error(`buildFeedDocument: archive page ${page.name} needs the scope's pages`);
  const oldest = page.items.at(-1);
  return { total: page.items.length, archives: [], ...(oldest === undefined ? {} : { open: { name: pageNameOfTime(oldest.published), count: page.items.length } }) };
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

type SelectedItems =
  /** `examined`: how many of the head's newest items were looked at; the next page holds the one after. */
  | { kind: "subscription"; items: Article[]; examined: number }
  | { kind: "open"; name: string; items: Article[] }
  | { kind: "archive"; name: string; index: number; items: Article[] };

/**
 * Picks the items of the document asked for and checks the request fits the stored page. A filter applies
 * to the items of the page asked for (as RSSHub's do to a route's items): a page shows those of its own that
 * pass, the subscription document the newest `limit` that pass among the head's.
 */
function selectItems(input: FeedDocumentInput, pages: ScopePages): SelectedItems {
  const { page } = input;
  const passes = input.filter === undefined ? undefined : createItemMatcher(input.filter);
  const keep = (items: Article[]): Article[] => (passes === undefined ? items : items.filter(passes));
  if (page.kind === "archive") {
    const index = pages.archives.findIndex((archive) => archive[0] === page.name);
    if (index < 0) throw new Error(`buildFeedDocument: page ${page.name} is not an archive of the scope`);
    return { kind: "archive", name: page.name, index, items: keep(page.items) };
  }
  if (input.openPage) {
    if (pages.open === undefined) throw new Error("buildFeedDocument: the scope has no open page");
    if (pages.open.count > page.items.length) throw new Error(`buildFeedDocument: the head holds ${page.items.length} items, fewer than the open page's ${pages.open.count}`);
    return { kind: "open", name: pages.open.name, items: keep(page.items.slice(0, pages.open.count)) };
  }
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > HEAD_SIZE) {
    throw new Error(`buildFeedDocument: limit must be an integer from 1 to ${HEAD_SIZE}, got ${input.limit}`);
  }
  if (passes === undefined) {
    const items = page.items.slice(0, input.limit);
    return { kind: "subscription", items, examined: items.length };
  }
  // Newest first, stopping at the limit: a common word is searched for in a few items, a rare one in all the head's.
  const items: Article[] = [];
  let examined = 0;
  while (examined < page.items.length && items.length < input.limit) {
    const article = page.items[examined++]!;
    if (passes(article)) items.push(article);
  }
  return { kind: "subscription", items, examined };
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

/** The article with its absolute URL and its permanent id; a cut copy (Article.truncated) ends with a link to the whole article. */
function feedItem(stored: Article, config: SiteConfig, base: string, tagPrefix: string): FeedItem {
  const url = `${base}/articles/${encodeURIComponent(stored.id)}`;
  const article = stored.truncated ? { ...stored, contentHtml: `${stored.contentHtml}\n<p><a href="${escapeHtml(url)}">${readWholeArticle(config.language)}</a></p>` } : stored;
  // ID_SCHEME "hexo-permalink": the id hexo-generator-feed gave the item (its Hexo URL, which the Worker
  // redirects to the article), so a reader that had the Hexo site's items keeps them as read.
  if (config.idScheme === "hexo-permalink" && article.permalink !== undefined) return { article, url, id: article.permalink, idIsPermalink: true };
  // With a public URL (and no SITE_ID) the permalink is the id (RSS `isPermaLink="true"`). Otherwise the id
  // is a tag URI (RFC 4151) under SITE_ID, or under the host the request reached: never one authority
  // shared by every deployment, whose items would collide in a reader that follows two sites.
  if (config.url && !config.siteId) return { article, url, id: url, idIsPermalink: true };
  return { article, url, id: `${tagPrefix}articles/${encodeURIComponent(article.id)}`, idIsPermalink: false };
}

/** The words of the link after a cut article, in the site's language (Chinese or English). */
function readWholeArticle(language: string): string {
  return language.toLowerCase().startsWith("zh") ? "阅读全文 →" : "Read the whole article →";
}
