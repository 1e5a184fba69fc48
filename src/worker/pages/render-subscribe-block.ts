import { escapeHtml } from "../../model/escape-html";
import type { FeedAlternate } from "./feed-alternates";
import { pageText } from "./page-text";

/**
 * The "subscribe" box of a page: each feed's full address as selectable text (one click selects it all,
 * no script needed to copy), and the OPML list of every feed for importing them at once.
 */
export function renderSubscribeBlock(feeds: readonly FeedAlternate[], base: string, language: string): string {
  const text = pageText(language);
  const rows = feeds.map(
    (feed) =>
      `<dt><a href="${escapeHtml(feed.href)}" type="${feed.type}">${escapeHtml(feed.label)}</a></dt>` +
      `<dd><code class="url">${escapeHtml(feed.href)}</code></dd>`,
  );
  const opml = `${base}/opml.xml`;
  return [
    `<section class="subscribe" aria-labelledby="subscribe">`,
    `<h2 id="subscribe">${escapeHtml(text.subscribe)}</h2>`,
    `<p class="hint">${escapeHtml(text.subscribeHint)}</p>`,
    `<dl>${rows.join("")}</dl>`,
    `<p><a href="${escapeHtml(opml)}" type="text/x-opml">${escapeHtml(text.opml)}</a> <span class="hint">${escapeHtml(text.opmlHint)}</span></p>`,
    `</section>`,
  ].join("\n");
}
