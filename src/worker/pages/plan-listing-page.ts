import type { Article } from "../../model/article";
import { HEAD_SIZE } from "../../model/feed-page";
import type { ScopeEntry } from "../../model/manifest";

/** Articles per page of an HTML listing. Stored pages hold at least 10 (PAGE_MIN_ITEMS), so a listing page spans at most three. */
export const LISTING_SIZE = 20;

/** What a listing needs of a scope's manifest entry. */
export type ListingPages = Pick<ScopeEntry, "total" | "archives" | "open">;

/** Where the articles of one listing page (numbered from the newest: 1 is the newest LISTING_SIZE) are stored. */
export interface ListingPlan {
  page: number;
  /** Listing pages the scope has; 1 even when it is empty. */
  pages: number;
  /** Index of the page's first and one past its last article, counted from the newest. */
  start: number;
  end: number;
  /** Whether some of them are in the head (which holds the newest min(total, HEAD_SIZE)). */
  head: boolean;
  /** Indexes into ScopeEntry.archives of the archive pages to read; empty when the head holds every article. */
  archives: number[];
}

/**
 * Plans listing page `page` of a scope: the head for the articles it holds, the archive pages for the rest.
 * Returns undefined for a page past the last.
 */
export function planListingPage(entry: ListingPages, page: number): ListingPlan | undefined {
  const pages = Math.max(1, Math.ceil(entry.total / LISTING_SIZE));
  if (!Number.isInteger(page) || page < 1 || page > pages) return undefined;
  const start = (page - 1) * LISTING_SIZE;
  const end = Math.min(start + LISTING_SIZE, entry.total);
  const headLength = Math.min(entry.total, HEAD_SIZE);
  const archives: number[] = [];
  if (end > headLength) {
    for (const span of archiveSpans(entry)) {
      if (span.from < end && span.to > Math.max(start, headLength)) archives.push(span.index);
    }
  }
  return { page, pages, start, end, head: start < headLength, archives: archives.sort((left, right) => left - right) };
}

/**
 * The articles of a planned listing page, newest first, from the head's items and the archive pages the
 * plan named (archive index → its items, newest first, as stored). Throws when a needed item is missing.
 */
export function assembleListingPage(plan: ListingPlan, entry: ListingPages, head: readonly Article[], archivePages: ReadonlyMap<number, readonly Article[]>): Article[] {
  const spans = archiveSpans(entry);
  const articles: Article[] = [];
  for (let index = plan.start; index < plan.end; index++) {
    let article: Article | undefined;
    if (index < head.length) {
      article = head[index];
    } else {
      const span = spans.find((candidate) => candidate.from <= index && index < candidate.to);
      article = span === undefined ? undefined : archivePages.get(span.index)?.[index - span.from];
    }
    if (article === undefined) throw new Error(`listing page ${plan.page}: article ${index} (newest first) is in no page read`);
    articles.push(article);
  }
  return articles;
}

/** Each archive's items as positions counted from the newest (`from` inclusive, `to` exclusive), newest archive first. */
function archiveSpans(entry: ListingPages): { index: number; from: number; to: number }[] {
  const spans: { index: number; from: number; to: number }[] = [];
  let from = entry.open?.count ?? 0;
  for (let index = entry.archives.length - 1; index >= 0; index--) {
    const to = from + entry.archives[index]![2];
    spans.push({ index, from, to });
    from = to;
  }
  return spans;
}
