import { cutSummaryText, SUMMARY_LENGTH, SUMMARY_TEXT_NEEDED } from "./cut-summary-text";
import { ELEMENT_NODE, TEXT_NODE, type HtmlElement, type HtmlNode } from "./html-node";
import { parseHtmlTree } from "./parse-html-tree";
import { isDroppedWithContent, toXmlText } from "./sanitize-html";

// Callers (and tests) have always found the summary's length here.
export { SUMMARY_LENGTH };

/** Elements that end a line of text: their text never runs into their neighbours'. */
const LINE_BREAKING_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt", "figure", "footer",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
  "td", "th", "tr", "ul",
]);

/** Enough text for any summary: collecting stops here, so a huge body costs no more than a short one. */
const TEXT_BUDGET = SUMMARY_LENGTH * 4;

function collectLines(node: HtmlNode, lines: string[], state: { length: number }): void {
  for (let child = node.firstChild; child !== null && state.length < TEXT_BUDGET; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      const text = child.nodeValue ?? "";
      lines[lines.length - 1] += text;
      state.length += text.length;
    } else if (child.nodeType === ELEMENT_NODE) {
      const tag = (child as HtmlElement).localName.toLowerCase();
      // Not prose: whatever the sanitizer drops with its text (scripts, styles, embeds), and image captions.
      if (tag === "figcaption" || isDroppedWithContent(tag)) continue;
      const breaksLine = LINE_BREAKING_ELEMENTS.has(tag);
      if (breaksLine) lines.push("");
      collectLines(child, lines, state);
      if (breaksLine) lines.push("");
    }
  }
}

/** The summary of a parsed fragment (see `summarize`), for callers that parsed the body already. */
export function summarizeFragment(root: HtmlNode, skipLines: readonly RegExp[] = []): string {
  const lines = [""];
  collectLines(root, lines, { length: 0 });
  // The paragraphs' text joined by spaces, cleaned only as far as the cut can read (SUMMARY_TEXT_NEEDED):
  // the budget above collects several times that, and cleaning each line is most of a summary's cost.
  let text = "";
  let first = true;
  for (const line of lines) {
    for (const part of line.split(/[\r\n]+/)) {
      // Collapse every kind of whitespace, U+3000 (the ideographic space of Chinese indents) included.
      const paragraph = toXmlText(part).replace(/[\s\u200B]+/g, " ").trim();
      if (paragraph === "") continue;
      // A site's lead line (SiteRules.summarySkipLines) is never the summary.
      if (first) {
        first = false;
        if (skipLines.some((pattern) => pattern.test(paragraph))) continue;
      }
      text = text === "" ? paragraph : `${text} ${paragraph}`;
      if (text.length >= SUMMARY_TEXT_NEEDED) return cutSummaryText(text);
    }
  }
  return cutSummaryText(text);
}

/**
 * Plain text of the first paragraphs of an HTML body or excerpt: whitespace collapsed, a leading line that
 * matches one of `skipLines` (the site's SiteRules.summarySkipLines) skipped, at most 140 characters, cut on
 * a grapheme boundary with "…" when cut. Never returns HTML.
 */
export function summarize(html: string, skipLines: readonly RegExp[] = []): string {
  return summarizeFragment(parseHtmlTree(html), skipLines);
}
