import { cleanArticleFragment, rulesOf, type CleanedArticle, type CleanOptions } from "./clean-article-fragment";
import type { HtmlElement } from "./html-node";
import { parseHtmlTree } from "./parse-html-tree";
import { sanitizeFragment } from "./sanitize-html";
import { summarizeFragment } from "./summarize";

/** A post body ready to publish: cleaned and sanitized HTML, the editor line's name, and the body's summary. */
export interface PreparedBody extends CleanedArticle {
  /** `summarize` of the body (a post with an excerpt summarizes that instead). */
  summary: string;
}

/**
 * Cleans, sanitizes and summarizes a post body with a single parse: `html` and `editor` are the same as
 * `sanitizeHtml(cleanArticleHtml(html, options).html)` and its editor, `summary` the same as `summarize` of
 * that HTML; for the build's hot path. Throws a clear Error when the body cannot be parsed or walked, so the
 * build reports the post rather than publishing it raw.
 */
export function cleanAndSanitizeHtml(html: string, options: CleanOptions = {}): PreparedBody {
  return prepareParsedBody(parseHtmlTree(html), options);
}

/**
 * cleanAndSanitizeHtml's work on a body already parsed (`root` holds it, and is cleaned in place), whichever
 * tree it was parsed into: the build's own (parseHtmlTree) or linkedom's (parseHtmlFragment), which a test
 * holds the first to.
 */
export function prepareParsedBody(root: HtmlElement, options: CleanOptions = {}): PreparedBody {
  const rules = rulesOf(options);
  const { editor } = cleanArticleFragment(root, { ...options, rules });
  const sanitized = sanitizeFragment(root);
  const summary = summarizeFragment(root, rules.summarySkipLines);
  return editor === undefined ? { html: sanitized, summary } : { html: sanitized, editor, summary };
}
