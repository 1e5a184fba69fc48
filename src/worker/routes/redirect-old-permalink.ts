import { StatusError } from "itty-router";
import { permalinkPath } from "../../model/permalink-path";
import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { loadLiveGeneration } from "./load-live-generation";
import type { SiteContext } from "./site-context";

/**
 * Answers a URL a post had on the Hexo site this one replaces (`/2024/05/01/hello-world/`, under its
 * `permalink` pattern) with a 301 to the article's page, so old links and bookmarks keep working; undefined
 * when the live generation knows no such path (or nothing is published yet), for the caller's 404.
 */
export async function redirectOldPermalink(site: SiteContext, requestUrl: URL): Promise<Response | undefined> {
  let permalinks: Record<string, string> | undefined;
  try {
    permalinks = (await loadLiveGeneration(site)).manifest.permalinks;
  } catch (error) {
    if (error instanceof StatusError && error.status === 503) return undefined; // nothing published: a plain 404
    throw error;
  }
  const id = permalinks?.[permalinkPath(requestUrl.pathname)];
  if (id === undefined) return undefined;
  const location = `${site.base}/articles/${encodeURIComponent(id)}`;
  return new Response(null, { status: 301, headers: { Location: location, "Cache-Control": CHANGING_CACHE_CONTROL } });
}
