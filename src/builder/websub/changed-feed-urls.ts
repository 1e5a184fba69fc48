import { FEED_FILE_NAMES, FEED_FORMATS } from "../../model/feed-format";
import type { Manifest } from "../../model/manifest";
import { scopePath } from "../../model/scope";
import { subscriptionVersion } from "../../model/subscription-version";

/**
 * The subscription feed URLs (every format of every scope, never `?limit=` or pages) whose bytes differ
 * between the generation live before a publish (`before`, undefined for the first) and the one it made
 * live (`after`), under `siteUrl` (SITE_URL, as the feeds' self links have it): the site's feeds first,
 * then the other scopes by path. Scope-generic: every scope of the manifest counts, whatever its kind.
 */
export function changedFeedUrls(before: Manifest | undefined, after: Manifest, siteUrl: string): string[] {
  // What changes every feed at once: the manifest format (another Worker layout) and the settings a
  // generation carries for the Worker (Manifest.site, a Hexo site's title, author, language or time zone,
  // which go into every document). The Worker's own [vars] change at a deploy, not at a publish, and a
  // publish cannot see them; everything else a subscription document shows is its scope's entry.
  const everything = before === undefined || before.format !== after.format || JSON.stringify(before.site ?? {}) !== JSON.stringify(after.site ?? {});
  const base = siteUrl.replace(/\/+$/, "");
  const paths: string[] = [];
  for (const [id, entry] of Object.entries(after.scopes)) {
    const previous = before?.scopes[id];
    // subscriptionVersion is what the Worker's ETag is made of: its head page (whose hash covers every item
    // the document can show and the scope itself) and the pages its `next` and `prev-archive` links name.
    // A scope that is new has no subscribers yet, but a hub may know the URL from an earlier site: pinged.
    if (everything || previous === undefined || subscriptionVersion(previous) !== subscriptionVersion(entry)) paths.push(scopePath(entry.scope));
  }
  // A scope that is gone (its feeds now 404) is not pinged: a hub would only fetch the 404.
  paths.sort((left, right) => (left === "/" ? -1 : right === "/" ? 1 : left < right ? -1 : left > right ? 1 : 0));
  return paths.flatMap((path) => FEED_FORMATS.map((format) => `${base}${path}${FEED_FILE_NAMES[format]}`));
}
