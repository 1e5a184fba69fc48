import { cleanArticleFragment, type CleanedArticle, type CleanOptions } from "./clean-article-html";
import { parseHtmlFragment } from "./parse-html-fragment";
import { sanitizeFragment } from "./sanitize-html";

/**
 * Cleans and sanitizes a post body with a single parse: the same result as
 * `sanitizeHtml(cleanArticleHtml(html, options).html)`, for the build's hot path. Throws a clear Error when
 * the body cannot be parsed or walked, so the build reports the post rather than publishing it raw.
 */
export function cleanAndSanitizeHtml(html: string, options: CleanOptions = {}): CleanedArticle {
  const root = parseHtmlFragment(html);
  const { editor } = cleanArticleFragment(root, options);
  const sanitized = sanitizeFragment(root);
  return editor === undefined ? { html: sanitized } : { html: sanitized, editor };
}
