import type { Article } from "./article";
import type { Scope } from "./scope";

/** Items per archive page. Pages are chunked from the oldest end, so a full page never changes again. */
export const PAGE_SIZE = 20;

/** The most items one feed document can show (`?limit=` is 1 to this); the head holds this many. */
export const HEAD_SIZE = 100;

/** Items a feed shows when the request names no `limit`. */
export const DEFAULT_LIMIT = 20;

/**
 * The newest items of a scope, newest first: what the subscription document (RFC 5005 §2) renders.
 * Holds `min(total, HEAD_SIZE)` items; the open page (the newest `total % PAGE_SIZE` items, which no
 * archive page holds yet) is always among them.
 */
export interface HeadPage {
  kind: "head";
  scope: Scope;
  /** All items in the scope, across the head and every archive page. */
  total: number;
  /** How many full archive pages the scope has (`floor(total / PAGE_SIZE)`). */
  archives: number;
  items: Article[];
}

/**
 * A full archive page (RFC 5005 §4), newest first: page `index` (1 is the oldest) holds the items at
 * positions `(index - 1) * PAGE_SIZE` to `index * PAGE_SIZE - 1` counted from the oldest. Immutable.
 */
export interface ArchivePage {
  kind: "archive";
  scope: Scope;
  index: number;
  items: Article[];
}

/** Either stored page. */
export type FeedPage = HeadPage | ArchivePage;

/** How many pages a scope of `total` items has, the open one included (page numbers run 1 to this). */
export function pageCount(total: number): number {
  return Math.ceil(total / PAGE_SIZE);
}

/**
 * The page (1-based, 1 oldest) that holds the item just older than the newest `shown` items, or
 * undefined when nothing is older. A subscription document's `next` link points there: its first items
 * may repeat what the document showed, but every older item is reachable by following `next`.
 */
export function pageBelow(total: number, shown: number): number | undefined {
  const position = total - shown - 1; // counted from the oldest, 0-based
  if (position < 0) return undefined;
  return Math.floor(position / PAGE_SIZE) + 1;
}
