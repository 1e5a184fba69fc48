import type { ScopeEntry } from "./manifest";
import { pageNameOfTime } from "./page-name";

/** A page of a scope as a lookup finds it: an archive (its index in ScopeEntry.archives) or the open page. */
export type FoundPage = { kind: "archive"; index: number; name: string } | { kind: "open"; name: string };

// A page name is its second (16 characters) and, rarely, a `~N` suffix: order and search go by the second.
const SECOND_LENGTH = 16;

/**
 * The page a time falls in: the last page whose oldest item is of that second or earlier (the first page
 * for an earlier time). The planner and the Worker both use it, so where it is wrong (articles of one
 * second spread over pages) the shard names the page instead (ArticleLocation.page). Undefined for an empty scope.
 */
export function findPageByTime(entry: ScopeEntry, published: string): string | undefined {
  return findPageBySecond(entry, pageNameOfTime(published))?.name;
}

/** The page of `entry` whose second is the last at or before `name`'s (the first page when none is). */
export function findPageBySecond(entry: ScopeEntry, name: string): FoundPage | undefined {
  if (entry.open === undefined) return undefined;
  const second = name.slice(0, SECOND_LENGTH);
  if (entry.open.name.slice(0, SECOND_LENGTH) <= second || entry.archives.length === 0) return { kind: "open", name: entry.open.name };
  // The last archive whose second is at most `second`, by binary search (names sort as their seconds).
  let low = 0;
  let high = entry.archives.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (entry.archives[middle]![0].slice(0, SECOND_LENGTH) <= second) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return { kind: "archive", index: found, name: entry.archives[found]![0] };
}

/** The page of `entry` named exactly `name`, or undefined when it has none of that name. */
export function findPageByName(entry: ScopeEntry, name: string): FoundPage | undefined {
  if (entry.open?.name === name) return { kind: "open", name };
  const near = findPageBySecond(entry, name);
  if (near === undefined || near.kind === "open") return undefined;
  // Pages of one second sit side by side: look at the neighbours of the one the search found.
  for (let index = near.index; index >= 0 && entry.archives[index]![0].slice(0, SECOND_LENGTH) === name.slice(0, SECOND_LENGTH); index--) {
    if (entry.archives[index]![0] === name) return { kind: "archive", index, name };
  }
  return undefined;
}
