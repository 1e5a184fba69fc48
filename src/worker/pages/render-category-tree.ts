import type { CategoryNode } from "../../model/manifest";
import { scopePath } from "../../model/scope";
import { escapeHtml } from "./escape-html";
import { feedAlternates } from "./feed-alternates";
import { renderFeedLinks } from "./render-page-shell";

/** Renders category nodes as nested lists: each name links to its page, with its article count and its three feeds. */
export function renderCategoryTree(nodes: readonly CategoryNode[], base: string): string {
  if (nodes.length === 0) return "";
  const items = nodes.map((node) => {
    const scope = { kind: "category" as const, path: node.path };
    const children = renderCategoryTree(node.children, base);
    return (
      `<li><a href="${escapeHtml(`${base}${scopePath(scope)}`)}">${escapeHtml(node.name)}</a> (${node.total}) ` +
      `${renderFeedLinks(feedAlternates(base, scope))}${children ? `\n${children}` : ""}</li>`
    );
  });
  return `<ul>\n${items.join("\n")}\n</ul>`;
}
