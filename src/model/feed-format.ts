/**
 * The feed formats the Worker serves, in the order pages list them: RSS first, since readers that take the
 * first alternate link then get the most widely read format.
 */
export const FEED_FORMATS = ["rss", "atom", "json"] as const;

/** One of FEED_FORMATS. */
export type FeedFormat = (typeof FEED_FORMATS)[number];

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

/** What a person sees for each format. */
export const FEED_LABELS: Record<FeedFormat, string> = {
  rss: "RSS",
  atom: "Atom",
  json: "JSON Feed",
};

/** The format a file name selects, or undefined when it names none. */
export function formatOfFileName(fileName: string): FeedFormat | undefined {
  return FEED_FORMATS.find((format) => FEED_FILE_NAMES[format] === fileName);
}
