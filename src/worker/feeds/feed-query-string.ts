import type { ItemFilter } from "./create-item-matcher";
import type { FeedMode } from "./feed-document";

/** What a feed URL's query can name, as parsed: a page or a limit, then which items and how whole. */
export interface FeedUrlQuery extends Partial<ItemFilter> {
  /** A page's name; the subscription document has none. */
  page?: string;
  /** Left out for the default limit, and on pages, which show their own items. */
  limit?: number;
  mode?: FeedMode;
}

/**
 * The query of a feed URL in one canonical form (`?page=…` or `?limit=…`, then `filter`, `filterout`,
 * `mode=summary`, each word percent-encoded and joined by `%7C`), or "" when it names nothing: what self
 * and paging links carry and what cache keys hold, so that two spellings of one request share both.
 */
export function feedQueryString(query: FeedUrlQuery): string {
  const parts: string[] = [];
  if (query.page !== undefined) parts.push(`page=${encodeURIComponent(query.page)}`);
  if (query.limit !== undefined) parts.push(`limit=${query.limit}`);
  // RFC 3986 allows no `|` in a query, so the separator goes out percent-encoded, as URLSearchParams writes it.
  if (query.filter !== undefined && query.filter.length > 0) parts.push(`filter=${encodeURIComponent(query.filter.join("|"))}`);
  if (query.filterout !== undefined && query.filterout.length > 0) parts.push(`filterout=${encodeURIComponent(query.filterout.join("|"))}`);
  if (query.mode === "summary") parts.push("mode=summary");
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}
