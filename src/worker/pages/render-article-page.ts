import type { Article } from "../../model/article";
import { escapeHtml } from "../../model/escape-html";
import { authorScopeOf, scopePath, scopeTitle } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import { feedAlternates } from "./feed-alternates";
import { formatDisplayDate } from "./format-display-date";
import { pageText } from "./page-text";
import { renderPageShell } from "./render-page-shell";

/** What an article page shows. */
export interface ArticlePageInput {
  config: SiteConfig;
  /** Public base URL for links, without a trailing slash. */
  base: string;
  article: Article;
}

/**
 * Renders an article: title, date in the site's time zone, author (linking their page), lead image, the cleaned body, and its
 * categories and tags linking to their pages; autodiscovery offers its category's, its author's and the site's feeds. Pure; every value from the article is escaped except the
 * body, which the build has cleaned and sanitized (and the page's Content-Security-Policy allows no script).
 */
export function renderArticlePage({ config, base, article }: ArticlePageInput): string {
  const text = pageText(config.language);
  const date = (rfc3339: string): string =>
    `<time datetime="${escapeHtml(rfc3339)}">${escapeHtml(formatDisplayDate(rfc3339, config.timeZone, config.language))}</time>`;
  const meta = [`<span>${date(article.published)}</span>`];
  if (article.updated !== article.published) meta.push(`<span>${escapeHtml(text.updated)} ${date(article.updated)}</span>`);
  // The author's page lists their other articles and offers their feeds (a name no URL can carry has none).
  const authorScope = authorScopeOf(article.author);
  if (article.author && authorScope) {
    meta.push(`<span class="author"><a href="${escapeHtml(`${base}${scopePath(authorScope)}`)}" rel="author">${escapeHtml(article.author)}</a></span>`);
  } else if (article.author) {
    meta.push(`<span class="author">${escapeHtml(article.author)}</span>`);
  }

  const parts = [`<article>`, `<header class="article-header">`, `<h1>${escapeHtml(article.title)}</h1>`, `<p class="meta">${meta.join("")}</p>`, `</header>`];
  // The lead image often opens the body too (Sina repeats `headimg` there); show it once.
  if (article.image && !bodyShowsImage(article.contentHtml, article.image.url)) {
    // Sina's image hosts refuse a foreign Referer: no-referrer here as in the response's Referrer-Policy.
    parts.push(`<figure class="lead-image"><img src="${escapeHtml(article.image.url)}" alt="" referrerpolicy="no-referrer" decoding="async"></figure>`);
  }
  parts.push(`<div class="article-body">\n${article.contentHtml}\n</div>`);
  parts.push(renderArticleFooter(article, base, text));
  parts.push(`</article>`);

  const firstCategory = article.categories[0];
  const alternates = [{ feeds: feedAlternates(base, { kind: "site" }), title: scopeTitle({ kind: "site" }, config.title) }];
  if (authorScope) alternates.unshift({ feeds: feedAlternates(base, authorScope), title: scopeTitle(authorScope, config.title) });
  if (firstCategory && firstCategory.length > 0) {
    // Autodiscovery offers the article's own category first: a reader on this page most likely wants more like it.
    const scope = { kind: "category" as const, path: firstCategory };
    alternates.unshift({ feeds: feedAlternates(base, scope), title: scopeTitle(scope, config.title) });
  }
  return renderPageShell({
    title: `${article.title} · ${config.title}`,
    description: article.summary,
    language: config.language,
    siteTitle: config.title,
    base,
    canonicalUrl: `${base}/articles/${encodeURIComponent(article.id)}`,
    alternates,
    mainHtml: parts.join("\n"),
  });
}

/** Editor, source link, and each category hierarchy and tag as links to their pages. */
function renderArticleFooter(article: Article, base: string, text: ReturnType<typeof pageText>): string {
  const lines: string[] = [];
  if (article.editor) lines.push(`<p class="meta">${escapeHtml(text.editor)}${escapeHtml(article.editor)}</p>`);
  if (article.sourceUrl) {
    lines.push(`<p class="meta"><a href="${escapeHtml(article.sourceUrl)}" rel="nofollow noreferrer">${escapeHtml(text.source)}</a></p>`);
  }
  const hierarchies = article.categories
    .filter((hierarchy) => hierarchy.length > 0)
    .map((hierarchy) =>
      hierarchy
        .map((name, depth) => {
          const href = `${base}${scopePath({ kind: "category", path: hierarchy.slice(0, depth + 1) })}`;
          return `<a href="${escapeHtml(href)}">${escapeHtml(name)}</a>`;
        })
        .join(" › "),
    );
  if (hierarchies.length > 0) {
    lines.push(`<nav aria-labelledby="filed-under"><h2 id="filed-under">${escapeHtml(text.filedUnder)}</h2>`);
    lines.push(`<ul>\n${hierarchies.map((links) => `<li>${links}</li>`).join("\n")}\n</ul></nav>`);
  }
  if (article.tags.length > 0) {
    const tags = article.tags.map((tag) => `<li><a href="${escapeHtml(`${base}${scopePath({ kind: "tag", name: tag })}`)}">#${escapeHtml(tag)}</a></li>`);
    lines.push(`<ul class="tag-list" aria-label="${escapeHtml(text.tags)}">${tags.join("")}</ul>`);
  }
  return lines.length > 0 ? `<footer class="article-footer">\n${lines.join("\n")}\n</footer>` : "";
}

/** Whether the sanitized body already shows the image (its URL as written, or with `&` escaped as HTML writes it). */
function bodyShowsImage(contentHtml: string, url: string): boolean {
  return contentHtml.includes(`"${url}"`) || contentHtml.includes(`"${escapeHtml(url)}"`);
}
