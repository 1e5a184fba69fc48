import type { Article } from "../../model/article";
import { scopePath, scopeTitle } from "../../model/scope";
import type { SiteConfig } from "../../model/site-config";
import { escapeHtml } from "./escape-html";
import { feedAlternates } from "./feed-alternates";
import { formatDisplayDate } from "./format-display-date";
import { renderPageShell } from "./render-page-shell";

/** What an article page shows. */
export interface ArticlePageInput {
  config: SiteConfig;
  /** Public base URL for links, without a trailing slash. */
  base: string;
  article: Article;
}

/**
 * Renders an article as a plain HTML5 page: title, dates, author, image, the cleaned body, and links to
 * each of its categories and tags. Pure; every value from the article is escaped except the body, which
 * the build has already sanitized.
 */
export function renderArticlePage({ config, base, article }: ArticlePageInput): string {
  const date = (rfc3339: string): string =>
    `<time datetime="${escapeHtml(rfc3339)}">${escapeHtml(formatDisplayDate(rfc3339, config.timeZone, config.language))}</time>`;
  const byline = [date(article.published)];
  if (article.updated !== article.published) byline.push(`updated ${date(article.updated)}`);
  if (article.author) byline.push(escapeHtml(article.author));

  const parts = [`<article>`, `<h1>${escapeHtml(article.title)}</h1>`, `<p>${byline.join(" · ")}</p>`];
  if (article.image) {
    // Sina's image hosts refuse a foreign Referer.
    parts.push(`<p><img src="${escapeHtml(article.image.url)}" alt="" referrerpolicy="no-referrer"></p>`);
  }
  parts.push(article.contentHtml);
  if (article.editor) parts.push(`<p>${escapeHtml(article.editor)}</p>`);
  if (article.sourceUrl) parts.push(`<p><a href="${escapeHtml(article.sourceUrl)}" rel="nofollow">Source</a></p>`);
  parts.push(`</article>`);

  const categoryLinks = article.categories.map((hierarchy) =>
    hierarchy
      .map((_, depth) => {
        const path = hierarchy.slice(0, depth + 1);
        return `<a href="${escapeHtml(`${base}${scopePath({ kind: "category", path })}`)}">${escapeHtml(path[depth]!)}</a>`;
      })
      .join(" › "),
  );
  if (categoryLinks.length > 0) parts.push(`<nav aria-label="Categories"><ul>\n${categoryLinks.map((links) => `<li>${links}</li>`).join("\n")}\n</ul></nav>`);
  if (article.tags.length > 0) {
    const tagLinks = article.tags.map((tag) => `<a href="${escapeHtml(`${base}${scopePath({ kind: "tag", name: tag })}`)}">#${escapeHtml(tag)}</a>`);
    parts.push(`<p>${tagLinks.join(" ")}</p>`);
  }

  return renderPageShell({
    title: `${article.title} · ${config.title}`,
    language: config.language,
    siteTitle: config.title,
    homeUrl: `${base}/`,
    alternates: [{ feeds: feedAlternates(base, { kind: "site" }), title: scopeTitle({ kind: "site" }, config.title) }],
    mainHtml: parts.join("\n"),
  });
}
