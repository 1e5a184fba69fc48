import type { Article } from "../../model/article";
import { PAGE_ITEM_MAX_BYTES } from "../../model/kv-limits";
import { utf8ByteLength } from "../../model/utf8-byte-length";
import { cutArticleHtml } from "../article/cut-article-html";

/**
 * The copy feed pages hold of an article too long for them (its JSON over PAGE_ITEM_MAX_BYTES): the same
 * article with its HTML cut between blocks so that the copy fits, and `truncated` set so feeds link to the
 * whole article. Returns the copy's JSON.
 */
export function cutArticleForPage(json: string, maxBytes = PAGE_ITEM_MAX_BYTES): string {
  const article = JSON.parse(json) as Article;
  const rest = utf8ByteLength(JSON.stringify({ ...article, contentHtml: "", truncated: true }));
  // JSON escapes some characters of the HTML (quotes, backslashes, controls), so cut to the budget, then
  // shrink the budget by what escaping added until the copy fits.
  let budget = maxBytes - rest;
  for (;;) {
    if (budget <= 0) throw new Error(`article ${article.id}: its fields other than the HTML take ${rest} bytes, more than a page's ${maxBytes}`);
    const { html } = cutArticleHtml(article.contentHtml, budget);
    const copy = JSON.stringify({ ...article, contentHtml: html, truncated: true });
    const bytes = utf8ByteLength(copy);
    if (bytes <= maxBytes) return copy;
    budget -= bytes - maxBytes;
  }
}
