// What a feed reader finds on the site: OPML outlines, autodiscovery links in pages, and a feed's `next`
// page. Pure: text in, absolute URLs out.
import { parseHTML } from "linkedom";

/** The media types a reader's autodiscovery follows: RSS, Atom and JSON Feed (1.1 names application/feed+json). */
export const FEED_MEDIA_TYPES = ["application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"] as const;

/** One `<outline>` of an OPML subscription list. */
export interface OpmlOutline {
  text: string;
  type: string;
  xmlUrl: string;
  htmlUrl: string;
}

/** Every `<outline>` of an OPML document, in order, with its attributes ("" when absent). */
export function readOpmlOutlines(xml: string): OpmlOutline[] {
  // Read by pattern, not linkedom: its XML mode leaves entity references in attributes undecoded (&amp; stays).
  return [...xml.matchAll(/<outline\b([^>]*)>/g)].map((match) => {
    const attributes = new Map<string, string>();
    for (const attribute of match[1]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attributes.set(attribute[1]!, decodeXmlAttribute(attribute[2] ?? attribute[3] ?? ""));
    }
    return {
      text: attributes.get("text") ?? "",
      type: attributes.get("type") ?? "",
      xmlUrl: attributes.get("xmlUrl") ?? "",
      htmlUrl: attributes.get("htmlUrl") ?? "",
    };
  });
}

/**
 * The feeds an HTML page offers for autodiscovery: `<link rel="alternate">` with a feed media type
 * (the RSS Advisory Board's RSS Autodiscovery; JSON Feed 1.1 "Discovery"), resolved against the page.
 */
export function readAutodiscoveryLinks(html: string, pageUrl: string): { type: string; url: string }[] {
  const { document } = parseHTML(html);
  const links: { type: string; url: string }[] = [];
  for (const link of document.querySelectorAll("link[href]")) {
    const relations = (link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    const type = (link.getAttribute("type") ?? "").toLowerCase().split(";")[0]!.trim();
    if (!relations.includes("alternate") || !(FEED_MEDIA_TYPES as readonly string[]).includes(type)) continue;
    links.push({ type, url: new URL(link.getAttribute("href")!, pageUrl).href });
  }
  return links;
}

/** The distinct same-origin `<a href>` targets of a page, as `pick` gives them (undefined leaves one out), in page order. */
function sameOriginAnchors(html: string, pageUrl: string, pick: (url: URL) => string | undefined): string[] {
  const { document } = parseHTML(html);
  const origin = new URL(pageUrl).origin;
  const found = new Set<string>();
  for (const anchor of document.querySelectorAll("a[href]")) {
    const url = new URL(anchor.getAttribute("href")!, pageUrl);
    const picked = url.origin === origin ? pick(url) : undefined;
    if (picked !== undefined) found.add(picked);
  }
  return [...found];
}

/** The category, tag and author pages an HTML page links to (`/categories/…/`, `/tags/…/`, `/authors/…/` on the same origin, no query). */
export function readScopePageLinks(html: string, pageUrl: string): string[] {
  return sameOriginAnchors(html, pageUrl, (url) => {
    if (url.search !== "" || !/^(?:\/[^?#]*)?\/(?:categories|tags|authors)\/.+\/$/.test(url.pathname)) return undefined;
    url.hash = "";
    return url.href;
  });
}

/** The article pages an HTML page links to (`/articles/<id>` on the same origin), in page order. */
export function readArticlePageLinks(html: string, pageUrl: string): string[] {
  return sameOriginAnchors(html, pageUrl, (url) => (/\/articles\/[^/]+$/.test(url.pathname) ? url.href : undefined));
}

/**
 * The `next` page a feed document links to (RFC 5005 §3 for RSS and Atom: `<atom:link rel="next">` or
 * `<link rel="next">`; JSON Feed 1.1 `next_url`), or undefined when it has none.
 */
export function readNextLink(body: string, documentUrl: string): string | undefined {
  if (body.trimStart().startsWith("{")) {
    const next = (JSON.parse(body) as { next_url?: unknown }).next_url;
    return typeof next === "string" ? new URL(next, documentUrl).href : undefined;
  }
  // Only the feed's own links: the first <item> or <entry> ends the head.
  const head = body.split(/<(?:item|entry)\b/)[0]!;
  for (const tag of head.match(/<(?:atom:)?link\b[^>]*>/g) ?? []) {
    if (!/\brel="next"/.test(tag)) continue;
    const href = /\bhref="([^"]*)"/.exec(tag)?.[1];
    if (href !== undefined) return new URL(decodeXmlAttribute(href), documentUrl).href;
  }
  return undefined;
}

function decodeXmlAttribute(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos|#x[0-9a-f]+|#[0-9]+);/gi, (_entity, name: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (name.toLowerCase() in named) return named[name.toLowerCase()]!;
    return String.fromCodePoint(name[1]?.toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
  });
}
