import type { ScopeEntry } from "./manifest";

/**
 * The name of the page holding the item `index` places from the newest (0 is the newest) of a scope, or
 * undefined when the scope has no such item: where a subscription document of `index` items links `next`.
 */
export function pageHoldingNewestIndex(pages: Pick<ScopeEntry, "total" | "archives" | "open">, index: number): string | undefined {
  if (index >= pages.total || pages.open === undefined) return undefined;
  let newerItems = pages.open.count;
  if (index < newerItems) return pages.open.name;
  for (let archive = pages.archives.length - 1; archive >= 0; archive--) {
    newerItems += pages.archives[archive]![2];
    if (index < newerItems) return pages.archives[archive]![0];
  }
  return undefined;
}
