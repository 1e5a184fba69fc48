import { escapeHtml } from "../../model/escape-html";
import { FEED_LABELS, type FeedFormat } from "../../model/feed-format";
import { type Scope, scopePath } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import type { FeedDocument } from "../feeds/feed-document";
import { feedAlternates } from "./feed-alternates";
import { formatDisplayDate } from "./format-display-date";
import { pageText } from "./page-text";
import { renderPageShell } from "./render-page-shell";

/** What the browser view of one feed document shows. */
export interface FeedViewInput {
  config: SiteConfig;
  /** Public base URL for links, without a trailing slash. */
  base: string;
  scope: Scope;
  format: FeedFormat;
  /** The document a reader gets at the same URL: the same items, links and title. */
  document: FeedDocument;
}

// Web readers that subscribe from a link: each takes the feed's URL percent-encoded in its own query.
const WEB_READERS: readonly { name: string; subscribeUrl: (feedUrl: string) => string }[] = [
  { name: "Feedly", subscribeUrl: (feedUrl) => `https://feedly.com/i/subscription/feed/${encodeURIComponent(feedUrl)}` },
  { name: "Inoreader", subscribeUrl: (feedUrl) => `https://www.inoreader.com/?add_feed=${encodeURIComponent(feedUrl)}` },
  { name: "NewsBlur", subscribeUrl: (feedUrl) => `https://www.newsblur.com/?url=${encodeURIComponent(feedUrl)}` },
];

/**
 * Renders the HTML page a browser gets at a feed's URL (instead of XML it would show as text or through
 * XSLT, which browsers are removing): what a feed is, the URL to copy with links that subscribe in web
 * readers, and the document's items with their dates and summaries. Text comes from the articles, not
 * from the feed's XML, so it is escaped exactly once. Pure.
 */
export function renderFeedView(input: FeedViewInput): string {
  const { config, base, scope, format, document } = input;
  const text = pageText(config.language);
  const { links } = document;
  const label = FEED_LABELS[format];
  const subscribeUrl = links.current ?? links.self;
  const readers = WEB_READERS.map(
    (reader) => `<li><a href="${escapeHtml(reader.subscribeUrl(subscribeUrl))}" rel="nofollow">${escapeHtml(reader.name)}</a></li>`,
  );
  const parts = [
    `<section class="feed-notice" aria-labelledby="subscribe">`,
    `<h2 id="subscribe">${escapeHtml(text.feedViewHeading(label))}</h2>`,
    `<p>${escapeHtml(text.feedViewExplanation)}</p>`,
    `<p><code class="url">${escapeHtml(subscribeUrl)}</code></p>`,
    `<p class="hint">${escapeHtml(text.feedViewReaders)}</p>`,
    `<ul class="readers">${readers.join("")}</ul>`,
  ];
  if (links.current !== undefined) {
    parts.push(`<p>${escapeHtml(text.feedViewArchive)} <a href="${escapeHtml(links.current)}">${escapeHtml(links.current)}</a></p>`);
  }
  parts.push(`</section>`, `<h1>${escapeHtml(document.title)}</h1>`);
  if (document.description && document.description !== document.title) parts.push(`<p class="lede">${escapeHtml(document.description)}</p>`);
  if (document.items.length === 0) {
    parts.push(`<p class="empty">${escapeHtml(text.noArticles)}</p>`);
  } else {
    const items = document.items.map(({ article, url }) => {
      const date = formatDisplayDate(article.published, config.timeZone, config.language);
      const author = article.author ? `<span>${escapeHtml(article.author)}</span>` : "";
      const summary = article.summary ? `\n<p class="summary">${escapeHtml(article.summary)}</p>` : "";
      return (
        `<li><article>\n<h3><a href="${escapeHtml(url)}">${escapeHtml(article.title)}</a></h3>\n` +
        `<p class="meta"><time datetime="${escapeHtml(article.published)}">${escapeHtml(date)}</time>${author}</p>${summary}\n</article></li>`
      );
    });
    parts.push(`<ol class="article-list">\n${items.join("\n")}\n</ol>`);
  }
  // RFC 5005's links as the listing pages' pager: `next` is older, `next-archive` newer.
  if (links.next !== undefined || links.nextArchive !== undefined) {
    const newer = links.nextArchive !== undefined ? `<a rel="prev" href="${escapeHtml(links.nextArchive)}">${escapeHtml(text.newer)}</a>` : "<span></span>";
    const older = links.next !== undefined ? `<a rel="next" href="${escapeHtml(links.next)}">${escapeHtml(text.older)}</a>` : "<span></span>";
    parts.push(`<nav class="pager">${newer}<span class="status"></span>${older}</nav>`);
  }
  return renderPageShell({
    title: `${document.title} (${label})`,
    description: document.description,
    language: config.language,
    siteTitle: config.title,
    base,
    canonicalUrl: `${base}${scopePath(scope)}`,
    alternates: [{ feeds: feedAlternates(base, scope), title: document.title }],
    mainHtml: parts.join("\n"),
  });
}
