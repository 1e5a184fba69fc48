import { DEFAULT_LIMIT } from "./feed-page";
import type { ScopeEntry } from "./manifest";
import { pageHoldingNewestIndex } from "./page-holding-newest-index";

/**
 * What of a scope's manifest entry a subscription document of `limit` items (any format) is made of, as one
 * string: equal strings give equal bytes under the same settings and Worker. The Worker's entity tag and the
 * publisher's WebSub ping both take it from here, so a feed is pinged exactly when its ETag changes.
 */
export function subscriptionVersion(entry: Pick<ScopeEntry, "head" | "total" | "archives" | "open">, limit = DEFAULT_LIMIT): string {
  // The items come from the head page (its hash covers their bytes and the scope); the links name the page
  // holding the first item left out (RFC 5005 `next`) and the newest archive (`prev-archive`).
  const next = pageHoldingNewestIndex(entry, limit) ?? "";
  const archive = entry.archives.at(-1)?.[0] ?? "";
  return `head=${entry.head || "empty"},next=${next},archive=${archive}`;
}
