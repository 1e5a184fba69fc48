import { FEED_FILE_NAMES } from "../../model/feed-format";
import type { Manifest } from "../../model/manifest";
import { scopePath } from "../../model/scope";
import { slugize } from "../../model/slugize";
import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";
import { decodePathSegments } from "./decode-path-segments";
import { loadLiveGeneration } from "./load-live-generation";
import { WORDPRESS_FEED, wordpressFormat } from "./redirect-old-feed-url";
import type { SiteContext } from "./site-context";

const AUTHOR_FEED = new RegExp(`^/author/([^/]+)/${WORDPRESS_FEED}$`);

/**
 * A name as WordPress slugs it (sanitize_title: remove_accents, then lowercase with runs of spaces and
 * punctuation as one `-`; other letters, CJK among them, kept and percent-encoded in the URL).
 */
function wordpressSlug(name: string): string {
  return slugize(name.normalize("NFD").replace(/\p{M}+/gu, "").normalize("NFC"), true);
}

/**
 * The author of the live generation a WordPress author URL names: by their name (`/author/王小明/`), or by
 * their name as WordPress slugs it (`/author/zoe-example/` for Zoë Example). WordPress's author URLs carry the
 * user's login name, which only matches when it was made from the name the posts give. The most prolific of
 * several that slug alike, as Manifest.authors lists them most articles first.
 */
function findAuthor(manifest: Manifest, requested: string): string | undefined {
  const authors = manifest.authors ?? [];
  const slug = requested.toLowerCase();
  return (authors.find((author) => author.name === requested) ?? authors.find((author) => wordpressSlug(author.name) === slug))?.name;
}

/**
 * Answers WordPress's author feed (`/author/<x>/feed/`, `…/feed/atom/`) with a `301` to that author's feed here
 * when the live generation has them, and otherwise with a `302` to the site's feed, which holds every
 * author's posts: temporary, so a reader keeps asking the old URL and moves to the author's own feed once a
 * publish gives them one (a 301 would move it to the site's feed for good). Undefined for any other path;
 * reads `current` and the manifest (kept in memory) only for an author feed's path.
 */
export async function redirectOldAuthorFeed(site: SiteContext, requestUrl: URL, basePath: string): Promise<Response | undefined> {
  if (!requestUrl.pathname.startsWith(`${basePath}/`)) return undefined;
  const match = AUTHOR_FEED.exec(requestUrl.pathname.slice(basePath.length));
  if (match === null) return undefined;
  const format = wordpressFormat(match[2]);
  // A malformed percent-encoding is a 400 naming the segment, as on our own routes.
  const [requested] = decodePathSegments(match[1]!);
  const { manifest } = await loadLiveGeneration(site);
  const author = findAuthor(manifest, requested!);
  const path = author === undefined ? "/" : scopePath({ kind: "author", name: author });
  const location = new URL(`${basePath}${path}${FEED_FILE_NAMES[format]}`, requestUrl);
  return new Response(null, { status: author === undefined ? 302 : 301, headers: { Location: location.href, "Cache-Control": CHANGING_CACHE_CONTROL } });
}
