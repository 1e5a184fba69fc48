import { categoryNames } from "./category-names";
import { escapeXml } from "./escape-xml";
import type { FeedDocument, FeedItem, FeedMode } from "./feed-document";
import { formatRfc822Date } from "./format-rfc822-date";
import { looksLikeMarkup } from "./looks-like-markup";
import { wrapCdata } from "./wrap-cdata";

const NAMESPACES = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  fh: "http://purl.org/syndication/history/1.0",
  media: "http://search.yahoo.com/mrss/",
};

/** Renders a feed document as RSS 2.0 (with the RSS Advisory Board's best practices), as UTF-8 text. */
export function renderRss(document: FeedDocument): string {
  const { links } = document;
  const usesCreator = document.items.some((item) => item.article.author);
  const usesMedia = document.items.some((item) => item.article.image);
  const usesContent = document.items.length > 0 && document.mode === "full";
  let namespaces = ` xmlns:atom="${NAMESPACES.atom}"`;
  if (usesContent) namespaces += ` xmlns:content="${NAMESPACES.content}"`;
  if (usesCreator) namespaces += ` xmlns:dc="${NAMESPACES.dc}"`;
  if (document.archive) namespaces += ` xmlns:fh="${NAMESPACES.fh}"`;
  if (usesMedia) namespaces += ` xmlns:media="${NAMESPACES.media}"`;

  let xml = '<?xml version="1.0" encoding="utf-8"?>\n';
  xml += `<rss version="2.0"${namespaces}>\n<channel>\n`;
  xml += `<title>${escapeText(document.title)}</title>\n`;
  xml += `<link>${escapeXml(links.alternate)}</link>\n`;
  xml += `<description>${escapeText(document.description)}</description>\n`;
  xml += `<language>${escapeXml(document.language)}</language>\n`;
  // "lastBuildDate: The last time the content of the channel changed" — the newest item, never the clock;
  // optional, so an empty channel, which no item dates, goes without.
  if (document.items.length > 0) xml += `<lastBuildDate>${formatRfc822Date(document.updated)}</lastBuildDate>\n`;
  xml += "<generator>edgefeed</generator>\n";
  xml += "<docs>https://www.rssboard.org/rss-specification</docs>\n";
  // RSS Best Practices: "identify the URL of the feed with an atom:link element" whose rel is self.
  xml += `<atom:link href="${escapeXml(links.self)}" rel="self" type="application/rss+xml"/>\n`;
  // W3C WebSub §4: a feed names its hub with an embedded link beside its self link, in RSS through the Atom
  // namespace (RFC 8288 Appendix B, as the RSS Advisory Board's atom:link).
  if (links.hub !== undefined) xml += `<atom:link href="${escapeXml(links.hub)}" rel="hub"/>\n`;
  xml += historyLink("current", links.current);
  xml += historyLink("next", links.next);
  xml += historyLink("prev-archive", links.prevArchive);
  xml += historyLink("next-archive", links.nextArchive);
  // RFC 5005 §4: "Archive documents … MUST contain an fh:archive element".
  if (document.archive) xml += "<fh:archive/>\n";
  for (const item of document.items) xml += renderItem(item, document.mode);
  return xml + "</channel>\n</rss>\n";
}

/**
 * Escapes plain text for an element readers may take for HTML (titles, names, categories). Most text is
 * escaped once and reads the same either way. Text that would pass for markup (`<b>`, `&amp;`) is HTML-escaped
 * first, so readers that guess HTML (as feedparser does for such text) show it literally; its ampersands are
 * written `&#x26;`, the hexadecimal reference the RSS Best Practices Profile asks for in plain text, which is
 * also how the W3C validator tells escaped text from markup.
 */
function escapeText(text: string): string {
  if (!looksLikeMarkup(text)) return escapeXml(text);
  return escapeXml(escapeXml(text)).replaceAll("&amp;", "&#x26;");
}

/** An RFC 5005 link in the Atom namespace, or nothing when the document has no such neighbour. */
function historyLink(relation: string, href: string | undefined): string {
  if (href === undefined) return "";
  return `<atom:link href="${escapeXml(href)}" rel="${relation}" type="application/rss+xml"/>\n`;
}

/** One `<item>`. */
function renderItem(item: FeedItem, mode: FeedMode): string {
  const { article } = item;
  let xml = "<item>\n";
  xml += `<title>${escapeText(article.title)}</title>\n`;
  xml += `<link>${escapeXml(item.url)}</link>\n`;
  xml += `<guid isPermaLink="${item.idIsPermalink}">${escapeXml(item.id)}</guid>\n`;
  xml += `<pubDate>${formatRfc822Date(article.published)}</pubDate>\n`;
  // RSS `<author>` must be an e-mail address; RSS Best Practices: "use the dc:creator element" for a name.
  if (article.author) xml += `<dc:creator>${escapeText(article.author)}</dc:creator>\n`;
  for (const name of categoryNames(article)) xml += `<category>${escapeText(name)}</category>\n`;
  // RSS readers treat `description` as HTML, so the plain-text summary is HTML-escaped before it is
  // XML-escaped (a literal `<b>` in it stays text); the full HTML goes in content:encoded.
  xml += `<description>${escapeXml(escapeXml(article.summary))}</description>\n`;
  // `?mode=summary`: the item is its summary and its link; content:encoded is optional (RSS content module).
  if (mode === "full") xml += `<content:encoded>${wrapCdata(article.contentHtml)}</content:encoded>\n`;
  if (article.image) {
    // An `<enclosure>` needs its length in bytes, which we do not know; Media RSS needs only the URL.
    const type = article.image.type ? ` type="${escapeXml(article.image.type)}"` : "";
    xml += `<media:content url="${escapeXml(article.image.url)}" medium="image"${type}/>\n`;
  }
  return xml + "</item>\n";
}
