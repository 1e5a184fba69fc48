import { PAGE_BOUNDARY_ONE_IN, PAGE_HARD_MAX_ITEMS, PAGE_MAX_ITEMS, PAGE_MIN_ITEMS } from "../../model/feed-page";
import { pageNameOfTime } from "../../model/page-name";

/** An item as chunking sees it: its id (whose hash may end a page) and its time. */
export interface ChunkItem {
  id: string;
  published: string;
  /** `pageNameOfTime(published)` and `isBoundaryId(id)`, when the caller worked them out already (an article is in many scopes). */
  name?: string;
  boundary?: boolean;
}

/** One page of a scope: the positions (oldest first, `start` inclusive, `end` exclusive) and its name. */
export interface Chunk {
  start: number;
  end: number;
  name: string;
}

/**
 * Splits a scope's items, sorted oldest first, into pages whose boundaries the items decide (see
 * PAGE_BOUNDARY_ONE_IN): after an item whose id is a boundary and comes PAGE_MIN_ITEMS or more after the
 * previous such item, at PAGE_MAX_ITEMS otherwise, and never between two items of the same second unless PAGE_HARD_MAX_ITEMS of
 * them would share a page. Each page is named after its oldest item's second; a name already taken gets
 * `~2`, `~3`…. Pure: the same items give the same pages.
 */
export function chunkScope(items: readonly ChunkItem[]): Chunk[] {
  const chunks: Chunk[] = [];
  const names = items.map((item) => item.name ?? pageNameOfTime(item.published));
  const taken = new Map<string, number>();
  let start = 0;
  // Where the last id that may end a page was: an id ends a page only PAGE_MIN_ITEMS after the one before it,
  // which depends on the items alone (not on where the last page ended), so an added item moves at most
  // the next boundary and changes at most two pages.
  let previousBoundaryId = Number.NEGATIVE_INFINITY;
  const close = (end: number): void => {
    const base = names[start]!;
    const seen = (taken.get(base) ?? 0) + 1;
    taken.set(base, seen);
    chunks.push({ start, end, name: seen === 1 ? base : `${base}~${seen}` });
    start = end;
  };
  for (let index = 0; index < items.length; index++) {
    const size = index - start + 1;
    let endsPage = false;
    if (items[index]!.boundary ?? isBoundaryId(items[index]!.id)) {
      endsPage = index - previousBoundaryId >= PAGE_MIN_ITEMS;
      previousBoundaryId = index;
    }
    // A page may end here only if the next item is of a later second: then a time names one page.
    const sameSecondFollows = index + 1 < items.length && names[index + 1] === names[index];
    if (size >= PAGE_HARD_MAX_ITEMS) close(index + 1);
    else if (sameSecondFollows) continue;
    // At least PAGE_MIN_ITEMS here too: after a page cut at PAGE_MAX_ITEMS, the next boundary id may be close.
    else if (size >= PAGE_MAX_ITEMS || (endsPage && size >= PAGE_MIN_ITEMS)) close(index + 1);
  }
  if (start < items.length) close(items.length);
  return chunks;
}

/** Whether a page may end after the item with this id: FNV-1a of the id, one id in PAGE_BOUNDARY_ONE_IN. */
export function isBoundaryId(id: string): boolean {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  // The high bits: FNV-1a's low bits are what shardOfArticle uses, and a page boundary should not pick a shard.
  return (hash >>> 8) % PAGE_BOUNDARY_ONE_IN === 0;
}
