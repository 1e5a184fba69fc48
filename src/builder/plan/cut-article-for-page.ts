import type { Article } from "../../model/article";
import { PAGE_ITEM_MAX_BYTES } from "../../model/kv-limits";
import { utf8ByteLength } from "../../model/utf8-byte-length";
import { cutArticleHtml, VOID_ELEMENTS } from "../article/cut-article-html";

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
    // Feeds end the copy between blocks: back to the last whole top-level block the cut kept, unless the
    // first block alone is too long (one wrapping <div>), where the cut inside it is the best there is.
    const blocksEnd = lastTopLevelEnd(article.contentHtml, html.length);
    const kept = blocksEnd > 0 ? article.contentHtml.slice(0, blocksEnd).trimEnd() : html;
    const copy = JSON.stringify({ ...article, contentHtml: kept, truncated: true });
    const bytes = utf8ByteLength(copy);
    if (bytes <= maxBytes) return copy;
    budget -= bytes - maxBytes;
  }
}

// A start or end tag as the sanitizer writes them: attribute values double-quoted, so a `>` inside one is not the tag's end.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s+[^\s=>/]+(?:="[^"]*")?)*\s*(\/?)>/g;

/** Where the last top-level element that ends within the first `limit` characters of `html` ends; 0 when none does. */
function lastTopLevelEnd(html: string, limit: number): number {
  let depth = 0;
  let last = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match !== null && match.index + match[0].length <= limit; match = TAG.exec(html)) {
    const [, closing, name, selfClosing] = match;
    if (closing) depth--;
    else if (!selfClosing && !VOID_ELEMENTS.has(name!.toLowerCase())) depth++;
    if (depth === 0) last = match.index + match[0].length;
  }
  return last;
}
