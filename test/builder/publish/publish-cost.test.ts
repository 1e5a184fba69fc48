import { describe, expect, it } from "vitest";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { planGeneration } from "../../../src/builder/plan/plan-generation";
import { publishGeneration } from "../../../src/builder/publish/publish-generation";
import type { Article } from "../../../src/model/article";
import { makeArticle } from "../../support/make-article";
import { manualClock } from "./publish-fixtures";
import { MemoryStore } from "./stores/memory-store";

const ROOTS = ["金融", "科技", "财经", "房产", "汽车", "国际"];
const BRANCHES = ["股票", "基金", "外汇", "宏观", "公司", "观察"];
const LEAVES = ["国内", "海外", "评论", ""];

/** 10,000-style data: hierarchies of depth 1 to 3 over 6 roots, 0 to 3 of 40 tags, one or two hierarchies. */
function syntheticArticle(number: number, overrides: Partial<Article> = {}): Article {
  const hierarchy = (seed: number): string[] =>
    [ROOTS[seed % 6]!, BRANCHES[(seed >> 3) % 6]!, LEAVES[(seed >> 5) % 4]!].slice(0, 1 + (seed % 3)).filter(Boolean);
  const categories = number % 7 === 0 ? [hierarchy(number), hierarchy(number * 31 + 5)] : [hierarchy(number)];
  const tags = Array.from({ length: number % 4 }, (_, index) => `话题${(number * 13 + index * 7) % 40}`);
  return makeArticle(number, {
    id: `s${String(number).padStart(6, "0")}`,
    categories,
    tags: [...new Set(tags)],
    contentHtml: `<p>正文 ${number} ${"内容".repeat(200)}</p>`,
    ...overrides,
  });
}

describe("what a publish costs in KV writes, on 10,000 articles", () => {
  it("stores 10,000 articles in at most 2,500 values and writes a handful of keys for one post wherever its date falls", async () => {
    const articles = Array.from({ length: 10_000 }, (_, index) => syntheticArticle(index));
    const store = new MemoryStore();
    const clock = manualClock();
    const first = await publishGeneration(planGeneration(articles, hashParts), store, clock);
    const figures: Record<string, number> = { "first publish": first.writes, "values stored": store.values.size };

    const measure = async (name: string, next: Article[]): Promise<number> => {
      clock.advance(10);
      store.resetCounts();
      const report = await publishGeneration(planGeneration(next, hashParts), store, clock);
      expect(report.writes).toBe(store.writes + store.deletes);
      figures[name] = store.writes;
      return store.writes;
    };
    const withNewPost = [...articles, syntheticArticle(10_000)];
    const added = await measure("one newest post added", withNewPost);
    const unchanged = await measure("nothing changed", withNewPost);
    const edited = await measure(
      "one post in the middle edited",
      withNewPost.map((article, index) => (index === 5_000 ? { ...article, title: `${article.title}（更正）` } : article)),
    );
    // Dated between two posts of the middle of the history: a scraper's late delivery.
    const middle = syntheticArticle(10_001, { published: "2021-06-04T11:20:30Z", updated: "2021-06-04T11:20:30Z" });
    const backDated = await measure("one post dated in the middle added", [...withNewPost.map((article, index) => (index === 5_000 ? { ...article, title: `${article.title}（更正）` } : article)), middle]);
    console.info(`KV writes per publish (10,000 synthetic articles): ${JSON.stringify(figures, null, 1)}`);

    // The targets (#13), and the exact counts these deterministic articles give, so a change shows.
    expect(store.values.size).toBeLessThanOrEqual(2_500);
    expect(added).toBeLessThanOrEqual(10);
    expect(unchanged).toBe(0);
    expect(edited).toBeLessThanOrEqual(12);
    expect(backDated).toBeLessThanOrEqual(15);
    expect(figures).toEqual(EXPECTED_FIGURES);
  });
});

// What the test measured on the articles above; deterministic, so any change to the layout shows here.
const EXPECTED_FIGURES = {
  // Every article names the same author (makeArticle's), so the author's feed has the site's articles, and
  // shares its pages (format 3): as before author feeds. With pages of their own (format 2) these were 1,493,
  // 1,493, 7, 0, 8 and 10.
  "first publish": 1244,
  "values stored": 1244,
  "one newest post added": 6,
  "nothing changed": 0,
  "one post in the middle edited": 7,
  "one post dated in the middle added": 9,
};
