import { escapeHtml } from "../../model/escape-html";
import type { ArticleSummary } from "../../model/manifest";
import { formatDisplayDate } from "./format-display-date";
import { pageText } from "./page-text";

/** Lists articles in the order given (newest first), each with its link, its date in the site's time zone and its summary. */
export function renderArticleList(articles: readonly ArticleSummary[], base: string, timeZone: string, language: string): string {
  if (articles.length === 0) return `<p class="empty">${escapeHtml(pageText(language).noArticles)}</p>`;
  const items = articles.map((article) => {
    const href = `${base}/articles/${encodeURIComponent(article.id)}`;
    const date = formatDisplayDate(article.published, timeZone, language);
    const summary = article.summary ? `\n<p class="summary">${escapeHtml(article.summary)}</p>` : "";
    return (
      `<li><article>\n<h3><a href="${escapeHtml(href)}">${escapeHtml(article.title)}</a></h3>\n` +
      `<p class="meta"><time datetime="${escapeHtml(article.published)}">${escapeHtml(date)}</time></p>${summary}\n</article></li>`
    );
  });
  return `<ol class="article-list">\n${items.join("\n")}\n</ol>`;
}
