import { FEED_FILE_NAMES, type FeedFormat } from "../../model/feed-format";
import { type Scope, scopePath } from "../../model/scope";

/** One feed of a scope, as a page links to it. */
export interface FeedAlternate {
  format: FeedFormat;
  /** Media type without parameters, as `<link rel="alternate" type>` wants it. */
  type: string;
  /** What a person sees: `RSS`, `Atom`, `JSON Feed`. */
  label: string;
  href: string;
}

const LABELS: Record<FeedFormat, { type: string; label: string }> = {
  rss: { type: "application/rss+xml", label: "RSS" },
  atom: { type: "application/atom+xml", label: "Atom" },
  json: { type: "application/feed+json", label: "JSON Feed" },
};

/** The three feeds of a scope with absolute URLs under `base`, RSS first (readers that take the first alternate get the most widely read format). */
export function feedAlternates(base: string, scope: Scope): FeedAlternate[] {
  return (["rss", "atom", "json"] as const).map((format) => ({
    format,
    ...LABELS[format],
    href: `${base}${scopePath(scope)}${FEED_FILE_NAMES[format]}`,
  }));
}
