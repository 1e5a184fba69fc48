import { categoryNames } from "./category-names";
import type { FeedDocument, FeedItem, FeedMode } from "./feed-document";
import { formatRfc3339Date } from "./format-rfc3339-date";

/** Renders a feed document as JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), compact, keys in a fixed order. */
export function renderJsonFeed(document: FeedDocument): string {
  const { links } = document;
  // Object literals keep insertion order, and `undefined` members are left out by JSON.stringify, so the
  // same document always gives the same bytes. Only 1.1 fields: `authors`, not 1.0's `author`.
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: document.title,
    home_page_url: links.alternate,
    feed_url: links.self,
    description: document.description || undefined,
    language: document.language,
    authors: [{ name: document.author }],
    // "next_url … is the URL of a feed that provides the next n items" — the next older page.
    next_url: links.next,
    // JSON Feed 1.1: "hubs (very optional, array of objects) describes endpoints that can be used to subscribe
    // to real-time notifications from the publisher of this feed. Each object has a type and url".
    hubs: links.hub === undefined ? undefined : [{ type: "WebSub", url: links.hub }],
    items: document.items.map((item) => jsonItem(item, document.language, document.mode)),
  };
  return JSON.stringify(feed);
}

/** One item object. */
function jsonItem(item: FeedItem, language: string, mode: FeedMode): object {
  const { article } = item;
  const tags = categoryNames(article);
  return {
    // "id (required, string) … unique for that item for that feed over time".
    id: item.id,
    url: item.url,
    title: article.title,
    // "content_html and content_text are each optional strings — but one or both must be present": with
    // `?mode=summary` the item's content is its plain-text summary.
    content_html: mode === "full" ? article.contentHtml : undefined,
    content_text: mode === "summary" ? article.summary : undefined,
    summary: article.summary || undefined,
    image: article.image?.url,
    date_published: formatRfc3339Date(article.published),
    date_modified: formatRfc3339Date(article.updated),
    // Items without an author inherit the feed's `authors` (JSON Feed 1.1: "if not specified in an item,
    // then the top-level authors, if present, are the authors of the item").
    authors: article.author ? [{ name: article.author }] : undefined,
    tags: tags.length > 0 ? tags : undefined,
    language,
  };
}
