import { FEED_FILE_NAMES, type FeedFormat } from "../../model/feed-format";
import { CHANGING_CACHE_CONTROL } from "../http/cache-policy";

/** One old feed URL pattern (matched against the path below the site's base) and the feed of ours it becomes. */
interface OldFeedUrl {
  /** Where the pattern comes from, for the reader of this table. */
  system: "WordPress" | "Hugo";
  pattern: RegExp;
  /** Our feed's path for the match: the captured names stay percent-encoded as the request had them. */
  target(match: RegExpExecArray): string;
}

// WordPress's feed endpoints take an optional feed type after `/feed/` ("rss2", the default, "atom", and the
// older "rss" and "rdf", which WordPress serves as RSS 2.0 nowadays), with or without the trailing slash.
export const WORDPRESS_FEED = String.raw`feed(?:/(rss2|rss|rdf|atom))?/?`;

/** Ours for a WordPress feed type: Atom for `atom`, RSS for every other. */
export function wordpressFormat(type: string | undefined): FeedFormat {
  return type === "atom" ? "atom" : "rss";
}

// Ordered from the most specific; names are one path segment but for WordPress categories, whose URLs
// carry the parent's slug (`/category/parent/child/feed/`), as our category paths do.
const OLD_FEED_URLS: readonly OldFeedUrl[] = [
  { system: "WordPress", pattern: new RegExp(`^/${WORDPRESS_FEED}$`), target: (match) => `/${FEED_FILE_NAMES[wordpressFormat(match[1])]}` },
  { system: "WordPress", pattern: new RegExp(`^/category/((?:[^/]+/)*[^/]+)/${WORDPRESS_FEED}$`), target: (match) => `/categories/${match[1]}/${FEED_FILE_NAMES[wordpressFormat(match[2])]}` },
  { system: "WordPress", pattern: new RegExp(`^/tag/([^/]+)/${WORDPRESS_FEED}$`), target: (match) => `/tags/${match[1]}/${FEED_FILE_NAMES[wordpressFormat(match[2])]}` },
  // WordPress's `/author/<x>/feed/` needs the live generation to tell whether the author has a feed here: redirectOldAuthorFeed.
  // Hugo's RSS template writes every list page's feed as index.xml.
  { system: "Hugo", pattern: /^\/index\.xml$/, target: () => `/${FEED_FILE_NAMES.rss}` },
  { system: "Hugo", pattern: /^\/categories\/((?:[^/]+\/)*[^/]+)\/index\.xml$/, target: (match) => `/categories/${match[1]}/${FEED_FILE_NAMES.rss}` },
  { system: "Hugo", pattern: /^\/tags\/([^/]+)\/index\.xml$/, target: (match) => `/tags/${match[1]}/${FEED_FILE_NAMES.rss}` },
];

/**
 * A `301` to our feed for a WordPress or Hugo feed URL (`/feed/`, `/category/<x>/feed/atom/`, `/index.xml`,
 * `/tags/<x>/index.xml`…), so readers subscribed to a site that moved here keep getting its posts; undefined
 * for any other path. Reads nothing: a name no scope has is the target's 404 to say.
 */
export function redirectOldFeedUrl(requestUrl: URL, basePath: string): Response | undefined {
  if (!requestUrl.pathname.startsWith(`${basePath}/`)) return undefined;
  const path = requestUrl.pathname.slice(basePath.length);
  for (const old of OLD_FEED_URLS) {
    const match = old.pattern.exec(path);
    if (match === null) continue;
    const location = new URL(`${basePath}${old.target(match)}`, requestUrl);
    return new Response(null, { status: 301, headers: { Location: location.href, "Cache-Control": CHANGING_CACHE_CONTROL } });
  }
  return undefined;
}
