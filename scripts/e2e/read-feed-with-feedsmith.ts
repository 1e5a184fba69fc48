// What feedsmith (a JavaScript feed parser from npm, for RSS, Atom, JSON Feed and OPML) reads in a feed, as a
// reader built on it would see it. feedsmith is forgiving: it throws only for a document it cannot recognize
// and drops what it cannot read, so a field that did not survive its reading is a problem too.
import { parseFeed, parseOpml } from "feedsmith";
import type { FeedFormat } from "../../src/model/feed-format";

/** What feedsmith made of one document: its items' ids in document order and what was wrong. */
export interface FeedsmithReading {
  /** Whether feedsmith recognized the document as a feed of the expected format. */
  recognized: boolean;
  /** Each item's id (RSS `guid`, Atom `id`, JSON Feed `id`) in document order; "" for an item without one. */
  ids: string[];
  /** One sentence per problem; none when feedsmith read everything a reader needs. */
  problems: string[];
}

// The fields of a parsed feed this check reads; feedsmith's own types are unions per format and version.
type Parsed = Record<string, unknown>;

/**
 * Parses a feed of the expected format with feedsmith's universal `parseFeed` and checks that it recognized
 * that format and read what a reader shows: the feed's title and link (Atom: id and updated too), and every
 * item's id, title, link, date and content.
 */
export function readFeedWithFeedsmith(body: string, expected: FeedFormat): FeedsmithReading {
  let format: string;
  let feed: Parsed;
  try {
    const result = parseFeed(body);
    format = result.format;
    feed = result.feed as Parsed;
  } catch (error) {
    return { recognized: false, ids: [], problems: [`feedsmith: ${(error as Error).message}`] };
  }
  if (format !== expected) return { recognized: false, ids: [], problems: [`feedsmith: read a ${format} feed, expected ${expected}`] };
  const problems: string[] = [];
  const items = (expected === "atom" ? feed.entries : feed.items) as Parsed[] | undefined;
  const missingOfFeed = FEED_FIELDS[expected].filter(([, read]) => !read(feed)).map(([name]) => name);
  if (missingOfFeed.length > 0) problems.push(`feedsmith: the feed has no ${missingOfFeed.join(", ")}`);
  const ids = (items ?? []).map((item, index) => {
    const id = ITEM_ID[expected](item) ?? "";
    const missing = ITEM_FIELDS[expected].filter(([, read]) => !read(item)).map(([name]) => name);
    if (missing.length > 0) problems.push(`feedsmith: item ${index + 1}${id ? ` (${id})` : ""} has no ${missing.join(", ")}`);
    // RFC 4287 §4.1.1: "atom:feed elements MUST contain one or more atom:author elements, unless all of the
    // atom:feed element's child atom:entry elements contain at least one atom:author element" (the rule the
    // schema states in Schematron, which jing does not run).
    if (expected === "atom" && !hasAuthor(feed) && !hasAuthor(item)) problems.push(`feedsmith: entry ${index + 1}${id ? ` (${id})` : ""} has no author, nor has the feed`);
    return id;
  });
  return { recognized: true, ids, problems };
}

/** Parses an OPML subscription list with feedsmith: it must have a title and at least one outline, each subscription with an xmlUrl. */
export function readOpmlWithFeedsmith(body: string): { xmlUrls: string[]; problems: string[] } {
  let opml: Parsed;
  try {
    opml = parseOpml(body) as unknown as Parsed;
  } catch (error) {
    return { xmlUrls: [], problems: [`feedsmith: ${(error as Error).message}`] };
  }
  const problems: string[] = [];
  if (!text((opml.head as Parsed | undefined)?.title)) problems.push("feedsmith: the OPML head has no title");
  const outlines = ((opml.body as Parsed | undefined)?.outlines ?? []) as Parsed[];
  if (outlines.length === 0) problems.push("feedsmith: the OPML lists no outlines");
  const xmlUrls: string[] = [];
  outlines.forEach((outline, index) => {
    // OPML 2.0, subscription lists: "Required attributes: type, text, xmlUrl. For outline elements whose type is rss".
    if (outline.type !== "rss") return;
    if (!text(outline.xmlUrl) || !text(outline.text)) problems.push(`feedsmith: outline ${index + 1} has no text or xmlUrl`);
    else xmlUrls.push(outline.xmlUrl as string);
  });
  return { xmlUrls, problems };
}

type Field = [name: string, read: (value: Parsed) => unknown];

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);
const textOf = (value: unknown): string | undefined => text(typeof value === "object" && value !== null ? (value as Parsed).value : value);
const links = (value: Parsed): Parsed[] => (value.links ?? []) as Parsed[];
// RFC 4287 §4.2.7.2: "If the "rel" attribute is not present, the link element MUST be interpreted as if the link relation type is "alternate"."
const alternateLink = (value: Parsed): unknown => links(value).find((link) => (link.rel ?? "alternate") === "alternate" && text(link.href));

const hasAuthor = (value: Parsed): boolean => ((value.authors ?? []) as Parsed[]).some((author) => text(author.name));

const ITEM_ID: Record<FeedFormat, (item: Parsed) => string | undefined> = {
  rss: (item) => textOf(item.guid),
  atom: (item) => text(item.id),
  json: (item) => text(item.id),
};

const FEED_FIELDS: Record<FeedFormat, Field[]> = {
  rss: [["title", (feed) => text(feed.title)], ["link", (feed) => text(feed.link)], ["description", (feed) => text(feed.description)]],
  atom: [["id", (feed) => text(feed.id)], ["title", (feed) => textOf(feed.title)], ["updated", (feed) => text(feed.updated)], ["alternate link", alternateLink]],
  json: [["title", (feed) => text(feed.title)], ["home_page_url", (feed) => text(feed.home_page_url)], ["feed_url", (feed) => text(feed.feed_url)]],
};

const ITEM_FIELDS: Record<FeedFormat, Field[]> = {
  rss: [
    ["guid", ITEM_ID.rss],
    ["title", (item) => text(item.title)],
    ["link", (item) => text(item.link)],
    ["pubDate", (item) => text(item.pubDate)],
    ["content:encoded or description", (item) => text((item.content as Parsed | undefined)?.encoded) ?? text(item.description)],
  ],
  atom: [
    ["id", ITEM_ID.atom],
    ["title", (item) => textOf(item.title)],
    ["updated", (item) => text(item.updated)],
    ["alternate link", alternateLink],
    ["content or summary", (item) => textOf(item.content) ?? textOf(item.summary)],
  ],
  json: [
    ["id", ITEM_ID.json],
    ["title", (item) => text(item.title)],
    ["url", (item) => text(item.url)],
    ["date_published", (item) => text(item.date_published)],
    // JSON Feed 1.1: "content_html and content_text are each optional strings — but one or both must be present."
    ["content_html or content_text", (item) => text(item.content_html) ?? text(item.content_text)],
  ],
};
