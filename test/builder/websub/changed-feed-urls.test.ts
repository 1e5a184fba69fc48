import { describe, expect, it } from "vitest";
import { hashParts } from "../../../src/builder/plan/hash-parts";
import { planGeneration } from "../../../src/builder/plan/plan-generation";
import { changedFeedUrls } from "../../../src/builder/websub/changed-feed-urls";
import type { Article } from "../../../src/model/article";
import { makeArticle } from "../../support/make-article";

const SITE = "https://news.example.com";
// makeArticle's author: every article here is theirs, so their feeds change whenever the site's do.
const AUTHOR = "/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/";
const FINANCE = "/categories/%E9%87%91%E8%9E%8D/";
const STOCKS = "/categories/%E9%87%91%E8%9E%8D/%E8%82%A1%E7%A5%A8/";
const TECH = "/categories/%E7%A7%91%E6%8A%80/";
const TAG_A = "/tags/a/";
const TAG_B = "/tags/b/";

/** Article `number`: odd ones in 金融 › 股票 tagged a, even ones in 科技 tagged b. */
function article(number: number, overrides: Partial<Article> = {}): Article {
  const odd = number % 2 === 1;
  return makeArticle(number, { categories: [odd ? ["金融", "股票"] : ["科技"]], tags: [odd ? "a" : "b"], ...overrides });
}

function manifestOf(articles: Article[], site?: { title: string }) {
  return planGeneration(articles, hashParts, site).manifest;
}

function range(from: number, to: number, overrides: (number: number) => Partial<Article> = () => ({})): Article[] {
  return Array.from({ length: to - from + 1 }, (_, index) => article(from + index, overrides(from + index)));
}

/** The three subscription feeds of each path. */
function feeds(...paths: string[]): string[] {
  return paths.flatMap((path) => [`${SITE}${path}feed.xml`, `${SITE}${path}atom.xml`, `${SITE}${path}feed.json`]);
}

describe("changedFeedUrls", () => {
  it("gives every subscription feed of every scope on a first publish, the site's first, the others by path, in every format", () => {
    expect(changedFeedUrls(undefined, manifestOf(range(1, 4)), SITE)).toEqual(feeds("/", AUTHOR, TECH, FINANCE, STOCKS, TAG_A, TAG_B));
  });

  it("gives nothing when the build is the same", () => {
    expect(changedFeedUrls(manifestOf(range(1, 10)), manifestOf(range(1, 10)), SITE)).toEqual([]);
  });

  it("gives the site, the author, each level of the new article's category, and its tag; nothing of the scopes it is not in", () => {
    expect(changedFeedUrls(manifestOf(range(1, 10)), manifestOf(range(1, 11)), SITE)).toEqual(feeds("/", AUTHOR, FINANCE, STOCKS, TAG_A));
  });

  it("gives the scopes of an edited article, wherever its date falls in the head", () => {
    const edited = manifestOf(range(1, 10, (number) => (number === 2 ? { title: "更正" } : {})));
    expect(changedFeedUrls(manifestOf(range(1, 10)), edited, SITE)).toEqual(feeds("/", AUTHOR, TECH, TAG_B));
  });

  it("leaves out the feeds whose head an edit does not reach: an article older than a scope's newest 100 is only in its archives", () => {
    // 240 articles: the site's head holds the newest 100, so article 3 is in the site's archives only; its
    // category and tag (120 articles each) hold it in their archives too.
    const before = manifestOf(range(1, 240));
    const after = manifestOf(range(1, 240, (number) => (number === 3 ? { title: "更正" } : {})));
    expect(changedFeedUrls(before, after, SITE)).toEqual([]);
  });

  it("gives a scope that is new, and never one that is gone", () => {
    const before = manifestOf(range(1, 4));
    const after = manifestOf([...range(1, 3), article(4, { tags: ["c"] })]);
    // Article 4 left tag b for tag c: b and 科技 changed, c is new; the site changed too.
    expect(changedFeedUrls(before, after, SITE)).toEqual(feeds("/", AUTHOR, TECH, TAG_B, "/tags/c/"));
    const gone = manifestOf(range(1, 3).filter((each) => each.tags[0] !== "b"));
    expect(changedFeedUrls(manifestOf(range(1, 3)), gone, SITE)).not.toContain(`${SITE}${TAG_B}feed.xml`);
  });

  it("gives every feed when the settings a generation carries change (a Hexo site's title is in every document)", () => {
    expect(changedFeedUrls(manifestOf(range(1, 4), { title: "Old" }), manifestOf(range(1, 4), { title: "New" }), SITE)).toEqual(feeds("/", AUTHOR, TECH, FINANCE, STOCKS, TAG_A, TAG_B));
  });

  it("writes the URLs under SITE_URL's path, as the feeds' self links have them", () => {
    expect(changedFeedUrls(undefined, manifestOf(range(1, 1)), "https://example.org/news/").slice(0, 3)).toEqual([
      "https://example.org/news/feed.xml",
      "https://example.org/news/atom.xml",
      "https://example.org/news/feed.json",
    ]);
  });
});
