import { FEED_FILE_NAMES, FEED_FORMATS, FEED_LABELS, FEED_MEDIA_TYPES, type FeedFormat } from "../../model/feed-format";
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

/** Every feed of a scope with absolute URLs under `base`, in the order of FEED_FORMATS. */
export function feedAlternates(base: string, scope: Scope): FeedAlternate[] {
  return FEED_FORMATS.map((format) => ({
    format,
    type: FEED_MEDIA_TYPES[format].split(";")[0]!,
    label: FEED_LABELS[format],
    href: `${base}${scopePath(scope)}${FEED_FILE_NAMES[format]}`,
  }));
}
