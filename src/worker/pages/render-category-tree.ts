import { escapeHtml } from "../../model/escape-html";
import type { CategoryNode } from "../../model/manifest";
import { scopePath } from "../../model/scope";
import { feedAlternates } from "./feed-alternates";
import { pageText } from "./page-text";
import { renderFeedLinks } from "./render-feed-links";

/**
 * Renders category nodes as nested lists: each name links to its page, followed by its article count
 * (descendants included, as the category's feed holds them) and its three feeds.
 */
export function renderCategoryTree(nodes: readonly CategoryNode[], base: string, language: string, nested = false): string {
  if (nodes.length === 0) return "";
  const text = pageText(language);
  const items = nodes.map((node) => {
    const scope = { kind: "category" as const, path: node.path };
    const children = renderCategoryTree(node.children, base, language, true);
    return (
      `<li><a href="${escapeHtml(`${base}${scopePath(scope)}`)}">${escapeHtml(node.name)}</a> ` +
      `<span class="count">${escapeHtml(text.articleCount(node.total))}</span>` +
      renderFeedLinks(feedAlternates(base, scope), { small: true, label: `${node.name} ${text.feeds}` }) +
      `${children ? `\n${children}` : ""}</li>`
    );
  });
  return `<ul class="${nested ? "category-children" : "category-tree"}">\n${items.join("\n")}\n</ul>`;
}
