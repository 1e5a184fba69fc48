import type { ArticleSummary, CategoryNode } from "../../model/manifest";
import { type Scope, scopePath, scopeTitle } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import { escapeHtml } from "./escape-html";
import { feedAlternates } from "./feed-alternates";
import { renderArticleList } from "./render-article-list";
import { renderCategoryTree } from "./render-category-tree";
import { renderFeedLinks, renderPageShell } from "./render-page-shell";

/** What a category or tag page shows. */
export interface ScopePageInput {
  config: SiteConfig;
  /** Public base URL for links, without a trailing slash. */
  base: string;
  scope: Scope;
  /** Articles in the scope (descendants included for a category). */
  total: number;
  /** A category's subcategories; empty for tags and leaves. */
  children: readonly CategoryNode[];
  /** The scope's newest articles, newest first. */
  newest: readonly ArticleSummary[];
}

/** Renders a category or tag page: its feeds (with autodiscovery), parent links, subcategories and newest articles. Pure. */
export function renderScopePage({ config, base, scope, total, children, newest }: ScopePageInput): string {
  const feeds = feedAlternates(base, scope);
  const title = scopeTitle(scope, config.title);
  const parts: string[] = [];
  if (scope.kind === "category") {
    // Breadcrumbs: each ancestor links to its own page, since a parent's feed also holds this one's posts.
    const crumbs = scope.path.map((name, depth) =>
      depth === scope.path.length - 1
        ? escapeHtml(name)
        : `<a href="${escapeHtml(`${base}${scopePath({ kind: "category", path: scope.path.slice(0, depth + 1) })}`)}">${escapeHtml(name)}</a>`,
    );
    parts.push(`<h1>${crumbs.join(" › ")}</h1>`);
  } else if (scope.kind === "tag") {
    parts.push(`<h1>#${escapeHtml(scope.name)}</h1>`);
  } else {
    parts.push(`<h1>${escapeHtml(config.title)}</h1>`);
  }
  parts.push(`<p>${total} articles. Feeds: ${renderFeedLinks(feeds)}</p>`);
  if (children.length > 0) parts.push(`<h2>Subcategories</h2>`, renderCategoryTree(children, base));
  parts.push(`<h2>Newest articles</h2>`, renderArticleList(newest, base, config.timeZone, config.language));
  return renderPageShell({
    title,
    language: config.language,
    siteTitle: config.title,
    homeUrl: `${base}/`,
    alternates: [{ feeds, title }],
    mainHtml: parts.join("\n"),
  });
}
