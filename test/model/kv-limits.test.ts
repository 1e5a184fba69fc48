import { describe, expect, it } from "vitest";
import type { Article } from "../../src/model/article";
import { ARTICLE_MAX_BYTES, PAGE_ITEM_MAX_BYTES, articleSizeProblem, kvKeyProblem, kvValueSizeProblem } from "../../src/model/kv-limits";
import { shardCountFor } from "../../src/model/manifest";
import { makeArticle } from "../support/make-article";

describe("KV limits", () => {
  it.each([
    { key: "page:0123456789abcdef0123456789abcdef", problem: undefined },
    { key: "x".repeat(512), problem: undefined },
    { key: "x".repeat(513), problem: "the key is 513 bytes; KV keys are at most 512" },
    // 171 three-byte characters: 513 bytes in UTF-8 though only 171 characters long.
    { key: "键".repeat(171), problem: "the key is 513 bytes; KV keys are at most 512" },
    { key: "", problem: "a KV key cannot be empty" },
    { key: "..", problem: 'a KV key cannot be ".."' },
  ])("judges a key of $key.length characters: $problem", ({ key, problem }) => {
    expect(kvKeyProblem(key)).toBe(problem);
  });

  it("refuses a value over 25 MiB", () => {
    expect(kvValueSizeProblem(25 * 1024 * 1024)).toBeUndefined();
    expect(kvValueSizeProblem(25 * 1024 * 1024 + 1)).toBe("the value is 25.0 MiB; KV values are at most 25.0 MiB");
    expect(kvValueSizeProblem(27 * 1024 * 1024)).toBe("the value is 27.0 MiB; KV values are at most 25.0 MiB");
  });

  it("sizes a page's copy of an article so that a head of 100 fits in one value", () => {
    expect(PAGE_ITEM_MAX_BYTES * 100).toBeLessThan(25 * 1024 * 1024);
  });

  it("accepts an article up to one KV value, its body cut for pages, and refuses one past it", () => {
    const article = (html: string, title = "t"): Article => ({ ...makeArticle(1), title, contentHtml: html });
    const framing = Buffer.byteLength(JSON.stringify(article("")));
    expect(articleSizeProblem(article("x".repeat(ARTICLE_MAX_BYTES - framing)))).toBeUndefined();
    expect(articleSizeProblem(article("x".repeat(ARTICLE_MAX_BYTES - framing + 1)))).toMatch(/^the article is 26,214,401 bytes as stored; at most 26,214,400 fit, because an article is stored in one KV value/);
  });

  it("refuses an article whose fields besides the body could not fit in a page", () => {
    expect(articleSizeProblem({ ...makeArticle(1), title: "长".repeat(100_000), contentHtml: "<p>x</p>" })).toMatch(/^its fields besides the body \(title, summary, names\) take [\d,]+ bytes as stored; at most [\d,]+ fit/);
  });
});

describe("shardCountFor", () => {
  it.each([
    [0, 1],
    [160, 1],
    [161, 2],
    [10_000, 64],
    [100_000, 256],
    [1_000_000, 256],
  ])("spreads %i articles over %i shards", (articles, shards) => {
    expect(shardCountFor(articles)).toBe(shards);
  });
});
