import type { Article } from "../../model/article";

/** Links a feed document carries; every one absolute. */
export interface FeedLinks {
  /** This document's own URL (RSS `atom:link rel="self"`, Atom `self`, JSON `feed_url`). */
  self: string;
  /** The HTML page of the scope (RSS `<link>`, Atom `alternate`, JSON `home_page_url`). */
  alternate: string;
  /** RFC 5005 `current`: the subscription document in this format; on archive pages. */
  current?: string;
  /** The next older page (RFC 5005 §3 `next`; JSON `next_url`). */
  next?: string;
  /** RFC 5005 §4 `prev-archive`: the newest older archive page, when the older page is a full archive. */
  prevArchive?: string;
  /** RFC 5005 §4 `next-archive`: on archive pages, the next newer page (an archive, or the open page that becomes one). */
  nextArchive?: string;
  /**
   * The WebSub hub (W3C WebSub §4: "at least one … rel=hub" beside exactly one rel=self), only on the
   * documents the publisher pings: the subscription document at its default size.
   */
  hub?: string;
}

/** One item of a feed: the article plus what the document derives for it. */
export interface FeedItem {
  article: Article;
  /** The article's page (`/articles/<id>`), absolute. */
  url: string;
  /** The permanent id: never changes across rebuilds, feeds or hosts. */
  id: string;
  /** Whether `id` is also the article's URL (RSS `guid isPermaLink`). */
  idIsPermalink: boolean;
}

/** How whole a document's items are: `full` (their HTML) or `summary` (`?mode=summary`: title, summary, links, no HTML). */
export type FeedMode = "full" | "summary";

/**
 * Everything a renderer needs for one feed document, in one format-neutral shape. Renderers are pure:
 * the same document gives the same bytes.
 */
export interface FeedDocument {
  /** Permanent feed id (Atom `id`). */
  id: string;
  title: string;
  description: string;
  /** BCP 47. */
  language: string;
  /** The feed-level author name (SITE_AUTHOR, else the site's title), which entries without an author of their own inherit. */
  author: string;
  /** RFC 3339: the newest `updated` among the scope's items; never the clock. */
  updated: string;
  links: FeedLinks;
  /** True on full archive pages (RFC 5005 `fh:archive`). */
  archive: boolean;
  /** `summary`: renderers leave each item's HTML out (its `contentHtml` is then empty). */
  mode: FeedMode;
  items: FeedItem[];
}
