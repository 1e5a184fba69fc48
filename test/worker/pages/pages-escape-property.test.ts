import fc from "fast-check";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import type { CategoryNode } from "../../../src/model/manifest";
import { DEFAULT_SITE_CONFIG, type SiteConfig } from "../../../src/model/site-config";
import { renderArticlePage } from "../../../src/worker/pages/render-article-page";
import { renderHomePage } from "../../../src/worker/pages/render-home-page";
import { renderScopePage } from "../../../src/worker/pages/render-scope-page";
import { makeArticle } from "../../support/make-article";

// Text from data: any Unicode an Article may hold (the build leaves no character XML 1.0 forbids, and no
// carriage return, which HTML would read as a line feed), with the characters that matter to HTML made common.
const NOT_IN_ARTICLES = /[^\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const PAYLOADS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "</title><script>alert(1)</script>",
  "<!--",
  "&lt;b&gt;",
  "<b>粗</b>",
];
const hostileText = fc
  .oneof(
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 8 })).map((parts) => parts.join("")),
    fc.array(fc.constantFrom("<", ">", "&", '"', "'", "=", "/", "script", "img", "onerror", "javascript:", " ", "x", "<!--", "]]>", "&amp;", "&#x3c;"), { maxLength: 20 }).map((parts) => parts.join("")),
  )
  .map((text) => text.replace(NOT_IN_ARTICLES, ""));
const nonEmptyText = hostileText.filter((text) => text.trim() !== "");

/** Everything in a rendered page that could run or navigate to script, listed for the failure message. */
function activeContent(html: string): string[] {
  const { document } = parseHTML(html);
  const found: string[] = [];
  for (const element of document.querySelectorAll("*")) {
    const name = element.localName;
    if (["script", "iframe", "object", "embed", "frame", "form", "base"].includes(name)) found.push(`<${name}>`);
    for (const attribute of element.getAttributeNames()) {
      const value = element.getAttribute(attribute) ?? "";
      if (attribute.startsWith("on") || attribute === "style") found.push(`${name}[${attribute}]`);
      if (["href", "src"].includes(attribute) && /^\s*(javascript|vbscript|data):/i.test(value) && !(name === "link" && value === "data:,")) {
        found.push(`${name}[${attribute}=${value}]`);
      }
    }
  }
  return found;
}

/** Every text node of the page, joined: what a person reads. */
function visibleText(html: string): string {
  return parseHTML(html).document.body.textContent ?? "";
}

const config = (title: string): SiteConfig => ({ ...DEFAULT_SITE_CONFIG, url: "https://example.com", title, description: title });

describe("pages built from hostile data", () => {
  it("never contain active content, and show the data as text", () => {
    fc.assert(
      fc.property(nonEmptyText, nonEmptyText, hostileText, nonEmptyText, nonEmptyText, (title, category, summary, author, tag) => {
        const article = makeArticle(1, { title, summary, author, editor: author, categories: [[category, category]], tags: [tag] });
        const node: CategoryNode = { name: category, path: [category], total: 1, children: [{ name: category, path: [category, category], total: 1, children: [] }] };
        const pages = [
          renderHomePage({ config: config(title), base: "https://example.com", manifest: { categories: [node], tags: [{ name: tag, total: 1 }] }, articles: [article], total: 1, page: 1, pages: 1 }),
          renderScopePage({ config: config(title), base: "https://example.com", scope: { kind: "category", path: [category, category] }, total: 1, children: [node], articles: [article], page: 1, pages: 1 }),
          renderScopePage({ config: config(title), base: "https://example.com", scope: { kind: "tag", name: tag }, total: 1, children: [], articles: [article], page: 1, pages: 1 }),
          renderArticlePage({ config: config(title), base: "https://example.com", article }),
        ];
        for (const html of pages) {
          expect(activeContent(html)).toEqual([]);
          expect(visibleText(html)).toContain(title);
        }
      }),
      { numRuns: 150 },
    );
  });
});
