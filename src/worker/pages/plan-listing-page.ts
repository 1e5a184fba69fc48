import type { Article } from "../../model/article";
import { PAGE_SIZE } from "../../model/feed-page";

/** Articles per page of an HTML listing: the size of a stored page, so a listing page spans at most two. */
export const LISTING_SIZE = PAGE_SIZE;

/** Where the articles of one listing page (numbered from the newest: 1 is the newest LISTING_SIZE) are stored. */
export interface ListingPlan {
  page: number;
  /** Listing pages the scope has; 1 even when it is empty. */
  pages: number;
  /** Index of the page's first and one past its last article, counted from the newest. */
  start: number;
  end: number;
  /** RFC 5005 archive page numbers (1 is the oldest) to read; empty when the head holds every article. */
  archives: number[];
}

/**
 * Plans listing page `page` of a scope with `total` articles, `archives` full archive pages and a head
 * holding the newest `headLength`. Listings count from the newest, archives from the oldest, so a deep
 * listing page straddles at most two archive pages. Returns undefined for a page past the last.
 */
export function planListingPage(total: number, archives: number, headLength: number, page: number): ListingPlan | undefined {
  const pages = Math.max(1, Math.ceil(total / LISTING_SIZE));
  if (!Number.isInteger(page) || page < 1 || page > pages) return undefined;
  const start = (page - 1) * LISTING_SIZE;
  const end = Math.min(start + LISTING_SIZE, total);
  if (end <= headLength) return { page, pages, start, end, archives: [] };
  // Positions counted from the oldest (0-based) of the newest-first indexes start … end - 1.
  const oldest = total - end;
  const newest = total - 1 - start;
  const needed: number[] = [];
  for (let archive = Math.floor(oldest / PAGE_SIZE) + 1; archive <= Math.floor(newest / PAGE_SIZE) + 1; archive++) {
    if (archive <= archives) needed.push(archive);
  }
  return { page, pages, start, end, archives: needed };
}

/**
 * The articles of a planned listing page, newest first, from the head's items and the archive pages the
 * plan named (archive number → its items, newest first, as stored). Throws when a needed item is missing.
 */
export function assembleListingPage(plan: ListingPlan, total: number, head: readonly Article[], archivePages: ReadonlyMap<number, readonly Article[]>): Article[] {
  const articles: Article[] = [];
  for (let index = plan.start; index < plan.end; index++) {
    let article: Article | undefined;
    if (index < head.length) {
      article = head[index];
    } else {
      // Archive k holds positions (k-1)*PAGE_SIZE … k*PAGE_SIZE-1 from the oldest, newest first.
      const position = total - 1 - index;
      const archive = Math.floor(position / PAGE_SIZE) + 1;
      article = archivePages.get(archive)?.[archive * PAGE_SIZE - 1 - position];
    }
    if (article === undefined) throw new Error(`listing page ${plan.page}: article ${index} (newest first) is in no page read`);
    articles.push(article);
  }
  return articles;
}
