import { escapeXml } from "./escape-xml";
import { formatRfc822Date } from "./format-rfc822-date";
import { looksLikeMarkup } from "./looks-like-markup";

/** One feed to list in an OPML subscription list. */
export interface OpmlFeed {
  title: string;
  /** The feed's absolute URL. */
  xmlUrl: string;
  /** The HTML page the feed belongs to, absolute. */
  htmlUrl: string;
  type: "rss";
}

/** What an OPML document lists. */
export interface OpmlInput {
  title: string;
  feeds: OpmlFeed[];
  /** RFC 3339; written as OPML's RFC 822 `dateCreated` when given (from data, never the clock). */
  dateCreated?: string;
}

/** Renders an OPML 2.0 subscription list (one `outline type="rss"` per feed) for one-click import in readers. */
export function renderOpml(input: OpmlInput): string {
  let xml = '<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n<head>\n';
  xml += `<title>${escapeText(input.title)}</title>\n`;
  // OPML 2.0: "dateCreated is a date-time, indicating when the document was created" in RFC 822 form.
  if (input.dateCreated !== undefined) xml += `<dateCreated>${formatRfc822Date(input.dateCreated)}</dateCreated>\n`;
  xml += "</head>\n<body>\n";
  for (const feed of input.feeds) {
    // OPML 2.0 §"subscriptionLists": type="rss" for any feed format, with `text` and `xmlUrl` required;
    // `title` repeats `text` because some readers read one and some the other.
    const title = escapeText(feed.title);
    xml +=
      `<outline type="${feed.type}" text="${title}" title="${title}"` +
      ` xmlUrl="${escapeXml(feed.xmlUrl)}" htmlUrl="${escapeXml(feed.htmlUrl)}"/>\n`;
  }
  return xml + "</body>\n</opml>\n";
}

/**
 * Escapes a plain-text title for OPML, where "text … may contain encoded HTML markup" (OPML 2.0): text
 * holding `<` or something like markup is HTML-escaped first so it reads as the same characters; other text
 * (the common case, `&` included) is escaped once, for readers that take `text` literally.
 */
function escapeText(text: string): string {
  return text.includes("<") || looksLikeMarkup(text) ? escapeXml(escapeXml(text)) : escapeXml(text);
}
