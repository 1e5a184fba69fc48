import { describe, expect, it } from "vitest";
import { cutArticleForPage } from "../../../src/builder/plan/cut-article-for-page";
import type { Article } from "../../../src/model/article";
import { makeArticle } from "../../support/make-article";

const json = (article: Article): string => JSON.stringify(article);

describe("cutArticleForPage", () => {
  it("keeps whole top-level blocks, marks the copy truncated, and fits the bound", () => {
    const article = makeArticle(1, { contentHtml: Array.from({ length: 2_000 }, (_, index) => `<p>第 ${index} 段 "引号" 与 \\ 反斜杠</p>`).join("\n") });
    const copy = JSON.parse(cutArticleForPage(json(article), 20_000)) as Article;
    expect(copy.truncated).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(copy))).toBeLessThanOrEqual(20_000);
    expect(copy.contentHtml).toMatch(/<\/p>$/);
    expect(article.contentHtml.startsWith(copy.contentHtml)).toBe(true);
    expect({ ...copy, contentHtml: "", truncated: undefined }).toEqual({ ...article, contentHtml: "", truncated: undefined });
  });

  it("cuts inside the one block a whole article is wrapped in, closing it", () => {
    const article = makeArticle(1, { contentHtml: `<div>${"<p>段落。</p>".repeat(5_000)}</div>` });
    const copy = JSON.parse(cutArticleForPage(json(article), 10_000)) as Article;
    expect(copy.contentHtml).toMatch(/^<div>(<p>段落。<\/p>)+<\/div>$/);
    expect(Buffer.byteLength(JSON.stringify(copy))).toBeLessThanOrEqual(10_000);
  });

  it("throws naming the article when its other fields alone pass the bound", () => {
    expect(() => cutArticleForPage(json(makeArticle(1, { title: "长".repeat(10_000) })), 10_000)).toThrow(/article a0001: its fields other than the HTML take/);
  });
});
