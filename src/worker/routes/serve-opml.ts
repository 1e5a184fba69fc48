import { FEED_FILE_NAMES } from "../../model/feed-format";
import type { Manifest } from "../../model/manifest";
import { type Scope, scopePath, scopeTitle } from "../../model/scope";
import { type OpmlFeed, renderOpml } from "../feeds/render-opml";
import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { computeEntityTag } from "../http/compute-entity-tag";
import { loadLiveGeneration } from "./load-live-generation";
import type { SiteContext } from "./site-context";

// `text/x-opml` is what opml.org and most readers' importers name; being XML, browsers and readers that
// sniff also accept it, and unlike `application/xml` it tells a download dialog what the file is.
const OPML_MEDIA_TYPE = "text/x-opml; charset=utf-8";

/** Serves `/opml.xml`: the RSS feed of the site, every category node, every tag and every author, for one-step import into a reader. */
export async function serveOpml(site: SiteContext): Promise<Response> {
  const { current, manifest } = await loadLiveGeneration(site);
  return site.serve({
    cacheUrl: `${site.cacheBase}/opml.xml`,
    etag: await computeEntityTag(["opml", site.fingerprint, current.manifest]),
    cacheControl: CHANGING_CACHE_CONTROL,
    cors: true,
    async render() {
      const feeds = opmlScopes(manifest).map((scope): OpmlFeed => ({
        title: scopeTitle(scope, site.config.title),
        xmlUrl: `${site.base}${scopePath(scope)}${FEED_FILE_NAMES.rss}`,
        htmlUrl: `${site.base}${scopePath(scope)}`,
        type: "rss",
      }));
      const body = renderOpml({ title: site.config.title, feeds, ...(manifest.updated ? { dateCreated: manifest.updated } : {}) });
      return { body, contentType: OPML_MEDIA_TYPE, lastModified: manifest.updated || undefined };
    },
  });
}

/** The site first, then the category tree depth-first in its order, then tags most used first, then authors likewise. */
function opmlScopes(manifest: Manifest): Scope[] {
  const scopes: Scope[] = [{ kind: "site" }];
  const visit = (nodes: Manifest["categories"]): void => {
    for (const node of nodes) {
      scopes.push({ kind: "category", path: node.path });
      visit(node.children);
    }
  };
  visit(manifest.categories);
  for (const tag of manifest.tags) scopes.push({ kind: "tag", name: tag.name });
  for (const author of manifest.authors ?? []) scopes.push({ kind: "author", name: author.name });
  return scopes;
}
