/** The three feed formats the Worker serves. */
export type FeedFormat = "rss" | "atom" | "json";

/** The file name that selects each format at the end of a scope's path. */
export const FEED_FILE_NAMES: Record<FeedFormat, string> = {
  rss: "feed.xml",
  atom: "atom.xml",
  json: "feed.json",
};

/** The media type each format is served with (RSS 2.0, RFC 4287, JSON Feed 1.1). */
export const FEED_MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

/** The format a file name selects, or undefined when it names none. */
export function formatOfFileName(fileName: string): FeedFormat | undefined {
  for (const [format, name] of Object.entries(FEED_FILE_NAMES) as [FeedFormat, string][]) {
    if (name === fileName) return format;
  }
  return undefined;
}
