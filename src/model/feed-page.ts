import type { Article } from "./article";

/** The most items one feed document can show (`?limit=` is 1 to this); the head holds this many. */
export const HEAD_SIZE = 100;

/** Items a feed shows when the request names no `limit`. */
export const DEFAULT_LIMIT = 20;

/**
 * How a head is stored (format 5): its newest HEAD_LEAD_ITEMS items as plain JSON, `{"kind":"head","items":[…]}`,
 * then, when it holds more, a newline (which JSON.stringify never writes) and the rest as the JSON
 * `{"items":[…]}`, compressed as every page is. A subscription document shows the newest DEFAULT_LIMIT items,
 * so an uncached one reads them with a slice and a JSON.parse of those items alone, inflating nothing
 * (inflating the head was most of an uncached feed request's CPU, profiled under `wrangler dev`).
 *
 * The lead is UTF-16LE (the newline then the code unit 0x000A) whenever it holds a character beyond ASCII, and
 * its UTF-8 bytes (ASCII) otherwise; a reader tells them apart by the second byte, 0x00 after the `{` in UTF-16LE.
 * Why: workerd's TextDecoder reads ASCII UTF-8 and UTF-16LE at memory speed but other UTF-8 an order of
 * magnitude slower (a 60 KB lead of Chinese text ~130 µs against ~10 µs as UTF-16LE, which is also smaller for
 * it; English with a few curly quotes ~115 µs), and decoding it was a sixth of an uncached feed request's time
 * in the isolate (docs/profiles.md). Format 4 kept the lead as UTF-8 always.
 */
export const HEAD_LEAD_ITEMS = DEFAULT_LIMIT;

/** The character between a stored head's plain lead and its compressed rest (see HEAD_LEAD_ITEMS): one byte in UTF-8, one code unit in UTF-16LE. */
export const HEAD_REST_SEPARATOR = 0x0a;

/** Whether a stored head's bytes start with a UTF-16LE lead (see HEAD_LEAD_ITEMS): `{` is 0x7B 0x00 there, and `{` followed by `"` in UTF-8. */
export function hasWideLead(bytes: Uint8Array): boolean {
  return bytes[0] === 0x7b && bytes[1] === 0x00;
}

/**
 * Where a scope's pages end is decided by the items themselves, never by their position (content-defined
 * boundaries, as backup tools chunk files): a page ends after an item whose id hashes to a multiple of
 * PAGE_BOUNDARY_ONE_IN and comes PAGE_MIN_ITEMS or more after the previous such item, and at PAGE_MAX_ITEMS
 * whatever the hashes say. So the same articles always give the same pages whatever order they arrived in,
 * and a back-dated post changes the page its date falls in (at most two) instead of every page after it.
 * Pages hold about 45 items: the local store pays ~1 ms for every value whatever its size, so few, large ones.
 */
export const PAGE_BOUNDARY_ONE_IN = 32;

/** The fewest items a page ends at by its hashes: a listing of 20 then spans at most three pages. */
export const PAGE_MIN_ITEMS = 12;

/** The most items a page holds before it ends regardless of hashes: the head's size, so the open page always fits in the head. */
export const PAGE_MAX_ITEMS = HEAD_SIZE;

/**
 * Items that share one `published` time stay on one page (so the time alone finds an article's page) up to
 * this many; past it a page ends anyway, and the shards name the page of the articles the time cannot place.
 * At most HEAD_SIZE, so the open page always fits in the head.
 */
export const PAGE_HARD_MAX_ITEMS = HEAD_SIZE;

/**
 * The newest items of a scope, newest first: what the subscription document (RFC 5005 §2) renders and
 * where the open page's items are read. Holds `min(total, HEAD_SIZE)` items. Its counts live in the
 * manifest, so an article added deep in history leaves a large scope's head as it was.
 */
export interface HeadPage {
  kind: "head";
  items: Article[];
}

/**
 * A page of a scope that a newer page follows (RFC 5005 §4 archive document), newest first. Its name is its
 * oldest item's time (see pageNameOfTime), so its URL keeps its items whatever is added before or after it.
 */
export interface ArchivePage {
  kind: "archive";
  name: string;
  items: Article[];
}

/**
 * Either stored page. A page does not name its scope (the manifest does): scopes with the same items, such as
 * a one-author site's feed and its author's, or a category whose one subcategory holds all its posts, share
 * its value, which a publish then writes once. Pages of format 2 named their scope, which the Worker ignores.
 */
export type FeedPage = HeadPage | ArchivePage;
