import { categoryNames } from "./category-names";
import { escapeXml } from "./escape-xml";
import type { FeedDocument, FeedItem, FeedMode } from "./feed-document";
import { formatRfc3339Date } from "./format-rfc3339-date";
import { looksLikeMarkup } from "./looks-like-markup";
import { wrapCdata } from "./wrap-cdata";

const ATOM_TYPE = "application/atom+xml";

/** Renders a feed document as Atom 1.0 (RFC 4287, with RFC 5005 paging links), as UTF-8 text. */
export function renderAtom(document: FeedDocument): string {
  const { links } = document;
  let namespaces = ' xmlns="http://www.w3.org/2005/Atom"';
  if (document.archive) namespaces += ' xmlns:fh="http://purl.org/syndication/history/1.0"';

  let xml = '<?xml version="1.0" encoding="utf-8"?>\n';
  xml += `<feed${namespaces} xml:lang="${escapeXml(document.language)}">\n`;
  xml += `<id>${escapeXml(document.id)}</id>\n`;
  xml += textConstruct("title", document.title);
  if (document.description) xml += textConstruct("subtitle", document.description);
  xml += `<updated>${formatRfc3339Date(document.updated)}</updated>\n`;
  xml += link("self", links.self, ATOM_TYPE);
  xml += link("alternate", links.alternate, "text/html");
  // W3C WebSub §4: the hub beside the self link; no type, since the hub is an endpoint, not a document.
  if (links.hub !== undefined) xml += `<link rel="hub" href="${escapeXml(links.hub)}"/>\n`;
  xml += link("current", links.current, ATOM_TYPE);
  xml += link("next", links.next, ATOM_TYPE);
  xml += link("prev-archive", links.prevArchive, ATOM_TYPE);
  xml += link("next-archive", links.nextArchive, ATOM_TYPE);
  // RFC 5005 §4: "Archive documents … MUST contain an fh:archive element".
  if (document.archive) xml += "<fh:archive/>\n";
  // RFC 4287 §4.1.1: a feed needs an author unless every entry has one; the site stands in for missing ones.
  xml += `<author><name>${escapeXml(document.author)}</name></author>\n`;
  xml += "<generator>edgefeed</generator>\n";
  for (const item of document.items) xml += renderEntry(item, document.mode);
  return xml + "</feed>\n";
}

/**
 * An Atom text construct (RFC 4287 §3.1) holding plain text: `type="text"` (the default) unless the text
 * would pass for markup, which goes out as `type="html"` holding the text HTML-escaped; both mean the same
 * characters, but validators and guessing readers take `<b>` in a text construct for markup.
 */
function textConstruct(element: string, text: string): string {
  if (looksLikeMarkup(text)) return `<${element} type="html">${escapeXml(escapeXml(text))}</${element}>\n`;
  return `<${element}>${escapeXml(text)}</${element}>\n`;
}

/** An `atom:link`, or nothing when the document has no such link. */
function link(relation: string, href: string | undefined, type: string): string {
  if (href === undefined) return "";
  return `<link rel="${relation}" type="${type}" href="${escapeXml(href)}"/>\n`;
}

/** One `<entry>`. */
function renderEntry(item: FeedItem, mode: FeedMode): string {
  const { article } = item;
  let xml = "<entry>\n";
  xml += `<id>${escapeXml(item.id)}</id>\n`;
  xml += textConstruct("title", article.title);
  xml += link("alternate", item.url, "text/html");
  xml += `<published>${formatRfc3339Date(article.published)}</published>\n`;
  xml += `<updated>${formatRfc3339Date(article.updated)}</updated>\n`;
  // Without an author of its own the entry inherits the feed's (RFC 4287 §4.2.1).
  if (article.author) xml += `<author><name>${escapeXml(article.author)}</name></author>\n`;
  // RFC 4287 §4.2.2: `term` is required; a `label` would only repeat it, since our categories are names.
  for (const name of categoryNames(article)) xml += `<category term="${escapeXml(name)}"/>\n`;
  // The summary is plain text, but it goes out as `type="html"` holding the text HTML-escaped: the same
  // text for readers, and validators stop taking a literal `<b>` in it for markup.
  if (article.summary) xml += `<summary type="html">${escapeXml(escapeXml(article.summary))}</summary>\n`;
  // RFC 4287 §4.1.3.3: with type="html" the content "MUST be suitable for handling as HTML"; a CDATA section
  // carries it unescaped.
  // `?mode=summary` leaves content out: RFC 4287 §4.1.2 lets an entry go without it when it has an
  // alternate link, which every entry here has.
  if (mode === "full") xml += `<content type="html">${wrapCdata(article.contentHtml)}</content>\n`;
  if (article.image) {
    // RFC 4287 §4.2.7.6: `length` is advisory and optional on links, so an image needs only its URL.
    const type = article.image.type ? ` type="${escapeXml(article.image.type)}"` : "";
    xml += `<link rel="enclosure"${type} href="${escapeXml(article.image.url)}"/>\n`;
  }
  return xml + "</entry>\n";
}
