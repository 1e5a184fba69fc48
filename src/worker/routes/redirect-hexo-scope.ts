import { StatusError } from "itty-router";
import type { FeedFormat } from "../../model/feed-format";
import { FEED_FILE_NAMES } from "../../model/feed-format";
import type { Manifest } from "../../model/manifest";
import { type Scope, scopePath } from "../../model/scope";
import { slugize } from "../../model/slugize";
import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { loadLiveGeneration } from "./load-live-generation";
import type { SiteContext } from "./site-context";

/** The scope whose names Hexo would have written as the requested ones (`Java-Script` for `Java Script`), if any. */
function scopeOfSlugs(manifest: Manifest, scope: Scope): Scope | undefined {
  const same = (name: string, slug: string): boolean => name === slug || slugize(name) === slug;
  if (scope.kind === "tag") {
    const tag = manifest.tags.find((candidate) => same(candidate.name, scope.name));
    return tag && { kind: "tag", name: tag.name };
  }
  if (scope.kind !== "category") return undefined;
  let level = manifest.categories;
  const path: string[] = [];
  for (const slug of scope.path) {
    const node = level.find((candidate) => same(candidate.name, slug));
    if (node === undefined) return undefined;
    path.push(node.name);
    level = node.children;
  }
  return { kind: "category", path };
}

/**
 * Answers a category or tag URL as Hexo wrote it (names slugized: `/categories/Java-Script/`) with a 301 to
 * ours (`/categories/Java%20Script/`), on a site built from a Hexo site (its manifest has old permalinks);
 * otherwise rethrows `notFound`, the 404 the scope's route gave.
 */
export async function redirectHexoScope(site: SiteContext, requestUrl: URL, scope: Scope, feed: FeedFormat | undefined, notFound: StatusError): Promise<Response> {
  const { manifest } = await loadLiveGeneration(site);
  const found = manifest.permalinks === undefined ? undefined : scopeOfSlugs(manifest, scope);
  if (found === undefined || scopePath(found) === scopePath(scope)) throw notFound;
  const location = `${site.base}${scopePath(found)}${feed === undefined ? "" : FEED_FILE_NAMES[feed]}${requestUrl.search}`;
  return new Response(null, { status: 301, headers: { Location: location, "Cache-Control": CHANGING_CACHE_CONTROL } });
}
