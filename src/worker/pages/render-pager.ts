import { escapeHtml } from "../../model/escape-html";
import { pageText } from "./page-text";

/**
 * Links between the pages of a listing, numbered from the newest (page 1 is the scope's own URL, without
 * a query): "newer", "page p of n", "older". Nothing when everything fits on one page.
 */
export function renderPager(pageUrl: string, page: number, pages: number, language: string): string {
  if (pages <= 1) return "";
  const text = pageText(language);
  const link = (target: number): string => (target === 1 ? pageUrl : `${pageUrl}?page=${target}`);
  const newer = page > 1 ? `<a rel="prev" href="${escapeHtml(link(page - 1))}">${escapeHtml(text.newer)}</a>` : "<span></span>";
  const older = page < pages ? `<a rel="next" href="${escapeHtml(link(page + 1))}">${escapeHtml(text.older)}</a>` : "<span></span>";
  return `<nav class="pager" aria-label="${escapeHtml(text.pageOf(page, pages))}">${newer}<span class="status">${escapeHtml(text.pageOf(page, pages))}</span>${older}</nav>`;
}
