import { escapeHtml } from "../../model/escape-html";
import type { FeedAlternate } from "./feed-alternates";

/** A scope's feeds as a row of small links (`RSS` `Atom` `JSON Feed`), each typed so a reader extension can tell them apart. */
export function renderFeedLinks(feeds: readonly FeedAlternate[], options: { small?: boolean; label?: string } = {}): string {
  const items = feeds.map(
    (feed) => `<li><a href="${escapeHtml(feed.href)}" type="${feed.type}" class="feed-${feed.format}">${escapeHtml(feed.label)}</a></li>`,
  );
  const label = options.label ? ` aria-label="${escapeHtml(options.label)}"` : "";
  return `<ul class="feeds${options.small ? " feeds-small" : ""}"${label}>${items.join("")}</ul>`;
}
