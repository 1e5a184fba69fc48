import { cleanArticleFragment, type CleanedArticle, type CleanOptions } from "./clean-article-fragment";
import { parseHtmlFragment } from "./parse-html-fragment";

/**
 * Cleans a scraped article body: removes junk (comments, scripts, styles, embeds, promotions, empty
 * wrappers), turns site markup into plain HTML (`<font>` → `<strong>`, image wrappers → `<figure>`), makes
 * every URL absolute and takes the editor line out as metadata. The result still goes through `sanitizeHtml`.
 * Serialized by linkedom, which the build's hot path (cleanAndSanitizeHtml) never loads; for tests and tools.
 */
export function cleanArticleHtml(html: string, options: CleanOptions = {}): CleanedArticle {
  const root = parseHtmlFragment(html);
  const { editor } = cleanArticleFragment(root, options);
  const cleaned = root.innerHTML;
  return editor === undefined ? { html: cleaned } : { html: cleaned, editor };
}
