import { escapeHtml } from "../../model/escape-html";
import type { ArticleSummary, CategoryNode } from "../../model/manifest";
import { type Scope, scopePath, scopeTitle } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import { feedAlternates } from "./feed-alternates";
import { pageText } from "./page-text";
import { renderArticleList } from "./render-article-list";
import { renderCategoryTree } from "./render-category-tree";
import { renderFeedLinks } from "./render-feed-links";
import { renderPageShell } from "./render-page-shell";
import { renderPager } from "./render-pager";
import { renderSubscribeBlock } from "./render-subscribe-block";

/** What a category, tag or author page shows. */
export interface ScopePageInput {
  config: SiteConfig;
  /** Public base URL for links, without a trailing slash. */
  base: string;
  scope: Scope;
  /** Articles in the scope (descendants included for a category). */
  total: number;
  /** A category's subcategories; empty for tags and leaves. */
  children: readonly CategoryNode[];
  /** This listing page's articles, newest first. */
  articles: readonly ArticleSummary[];
  /** The listing page shown (1 is the newest) and how many there are. */
  page: number;
  pages: number;
}

/**
 * Renders a category, tag or author page: breadcrumbs, its feeds (with autodiscovery), a subscribe box, its
 * subcategories with counts, and one page of its articles with links to newer and older pages. Pure.
 */
export function renderScopePage(input: ScopePageInput): string {
  const { config, base, scope, total, children, page, pages } = input;
  const text = pageText(config.language);
  const feeds = feedAlternates(base, scope);
  const title = scopeTitle(scope, config.title);
  const pageUrl = `${base}${scopePath(scope)}`;
  const parts: string[] = [renderBreadcrumbs(scope, base, config.title, text.breadcrumbs)];
  const heading = scope.kind === "category" ? scope.path[scope.path.length - 1]! : scope.kind === "tag" ? `#${scope.name}` : scope.kind === "author" ? scope.name : config.title;
  // An author's page says whose it is: their name alone could be a category's.
  if (scope.kind === "author") parts.push(`<p class="meta">${escapeHtml(text.author)}</p>`);
  parts.push(`<h1>${escapeHtml(heading)}</h1>`);
  parts.push(`<p class="meta"><span class="count">${escapeHtml(text.articleCount(total))}</span></p>`);
  parts.push(renderFeedLinks(feeds, { label: text.feeds }));
  if (children.length > 0) {
    parts.push(`<h2>${escapeHtml(text.subcategories)}</h2>`, renderCategoryTree(children, base, config.language));
  }
  const listHeading = page === 1 ? text.newestArticles : `${text.articles} · ${text.pageOf(page, pages)}`;
  parts.push(`<h2>${escapeHtml(listHeading)}</h2>`, renderArticleList(input.articles, base, config.timeZone, config.language));
  parts.push(renderPager(pageUrl, page, pages, config.language));
  parts.push(renderSubscribeBlock(feeds, base, config.language));
  return renderPageShell({
    title: page === 1 ? title : `${title} · ${text.pageOf(page, pages)}`,
    description: title,
    language: config.language,
    siteTitle: config.title,
    base,
    canonicalUrl: page === 1 ? pageUrl : `${pageUrl}?page=${page}`,
    alternates: [{ feeds, title }],
    mainHtml: parts.filter((part) => part !== "").join("\n"),
  });
}

/** Home › each ancestor category (a parent's page also lists this one's articles) › this scope, unlinked. */
function renderBreadcrumbs(scope: Scope, base: string, siteTitle: string, label: string): string {
  const crumbs = [`<li><a href="${escapeHtml(`${base}/`)}">${escapeHtml(siteTitle)}</a></li>`];
  if (scope.kind === "category") {
    scope.path.forEach((name, depth) => {
      if (depth === scope.path.length - 1) {
        crumbs.push(`<li aria-current="page">${escapeHtml(name)}</li>`);
      } else {
        const href = `${base}${scopePath({ kind: "category", path: scope.path.slice(0, depth + 1) })}`;
        crumbs.push(`<li><a href="${escapeHtml(href)}">${escapeHtml(name)}</a></li>`);
      }
    });
  } else if (scope.kind === "tag") {
    crumbs.push(`<li aria-current="page">#${escapeHtml(scope.name)}</li>`);
  } else if (scope.kind === "author") {
    crumbs.push(`<li aria-current="page">@${escapeHtml(scope.name)}</li>`);
  }
  return `<nav class="breadcrumbs" aria-label="${escapeHtml(label)}"><ol>${crumbs.join("")}</ol></nav>`;
}
