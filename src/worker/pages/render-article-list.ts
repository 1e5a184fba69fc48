import type { ArticleSummary } from "../../model/manifest";
import { escapeHtml } from "./escape-html";
import { formatDisplayDate } from "./format-display-date";

/** Lists articles, newest first as given, each with its link, date and summary. */
export function renderArticleList(articles: readonly ArticleSummary[], base: string, timeZone: string, language: string): string {
  if (articles.length === 0) return "<p>No articles yet.</p>";
  const items = articles.map((article) => {
    const href = `${base}/articles/${encodeURIComponent(article.id)}`;
    const date = formatDisplayDate(article.published, timeZone, language);
    const summary = article.summary ? `<br>${escapeHtml(article.summary)}` : "";
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(article.title)}</a> <time datetime="${escapeHtml(article.published)}">${escapeHtml(date)}</time>${summary}</li>`;
  });
  return `<ol>\n${items.join("\n")}\n</ol>`;
}
