import { describe, expect, it } from "vitest";
import { authorScopeOf, scopeId, scopePath, scopesOfArticle, scopeTitle } from "../../src/model/scope";

describe("scope", () => {
  it("puts an author's page below /authors/ with the name percent-encoded as UTF-8 after NFC", () => {
    expect(scopePath({ kind: "author", name: "新浪财经" })).toBe("/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/");
    expect(scopePath({ kind: "author", name: "Ada Lovelace" })).toBe("/authors/Ada%20Lovelace/");
    // A slash in a name stays inside its one segment.
    expect(scopePath({ kind: "author", name: "张三/李四" })).toBe("/authors/%E5%BC%A0%E4%B8%89%2F%E6%9D%8E%E5%9B%9B/");
    expect(scopeId({ kind: "author", name: "Zoe\u0308" })).toBe(scopeId({ kind: "author", name: "Zoë" }));
  });

  it("titles an author's feed with an @ so it differs from a category or tag of the same name", () => {
    const titles = [
      scopeTitle({ kind: "author", name: "新浪财经" }, "边缘新闻"),
      scopeTitle({ kind: "category", path: ["新浪财经"] }, "边缘新闻"),
      scopeTitle({ kind: "tag", name: "新浪财经" }, "边缘新闻"),
    ];
    expect(titles).toEqual(["@新浪财经 · 边缘新闻", "新浪财经 · 边缘新闻", "#新浪财经 · 边缘新闻"]);
  });

  it("files an article under its author after its categories and tags, and under no author when it names none", () => {
    const article = { categories: [["金融", "新浪财经"]], tags: ["上海"], author: "新浪财经" };
    expect(scopesOfArticle(article).map(scopeId)).toEqual([
      "/",
      "/categories/%E9%87%91%E8%9E%8D/",
      "/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/",
      "/tags/%E4%B8%8A%E6%B5%B7/",
      "/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/",
    ]);
    expect(scopesOfArticle({ ...article, author: undefined }).map((scope) => scope.kind)).toEqual(["site", "category", "category", "tag"]);
    expect(scopesOfArticle({ ...article, author: "  " }).map((scope) => scope.kind)).not.toContain("author");
  });

  it("stores an author's name in NFC, trimmed, whatever form the article gave", () => {
    const scopes = scopesOfArticle({ categories: [], tags: [], author: " Zoe\u0308 " });
    expect(scopes.at(-1)).toEqual({ kind: "author", name: "Zoë" });
  });

  it.each([
    ["no author", undefined],
    ["a blank name", " \u3000 "],
    ["a dot, which URL parsers resolve away", "."],
    ["two dots", ".."],
    ["a name of 201 characters", "名".repeat(201)],
  ])("gives %s no author scope", (_name, author) => {
    expect(authorScopeOf(author)).toBeUndefined();
    expect(scopesOfArticle({ categories: [], tags: [], author }).map((scope) => scope.kind)).toEqual(["site"]);
  });

  it("gives a name of 200 characters, and one with dots inside, an author scope", () => {
    expect(authorScopeOf("名".repeat(200))).toEqual({ kind: "author", name: "名".repeat(200) });
    expect(scopePath(authorScopeOf("J.R.R. Tolkien")!)).toBe("/authors/J.R.R.%20Tolkien/");
  });
});
