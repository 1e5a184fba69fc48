import type { Article } from "../../src/model/article";

/** A fresh, valid Article for tests; `overrides` replace fields. Dates count minutes from a fixed day. */
export function makeArticle(number: number, overrides: Partial<Article> = {}): Article {
  const date = new Date(Date.UTC(2021, 5, 1, 0, number)).toISOString().replace(".000Z", "Z");
  return {
    id: `a${String(number).padStart(4, "0")}`,
    title: `文章 ${number}`,
    published: date,
    updated: date,
    author: "新浪财经",
    categories: [["金融", "新浪财经"]],
    tags: [],
    summary: `摘要 ${number}`,
    contentHtml: `<p>正文 ${number}</p>`,
    ...overrides,
  };
}
