import { describe, expect, it } from "vitest";
import { chunkScope } from "../../../src/builder/plan/chunk-scope";
import type { Article } from "../../../src/model/article";
import { HEAD_SIZE } from "../../../src/model/feed-page";
import type { ArchiveEntry } from "../../../src/model/manifest";
import { assembleListingPage, type ListingPages, planListingPage } from "../../../src/worker/pages/plan-listing-page";
import { makeArticle } from "../../support/make-article";

/** A scope of `total` articles stored as the build stores it: the newest HEAD_SIZE in the head, pages cut as the planner cuts them. */
function storedScope(total: number): { head: Article[]; archives: Map<number, Article[]>; entry: ListingPages } {
  const oldestFirst = Array.from({ length: total }, (_, index) => makeArticle(index + 1));
  const chunks = chunkScope(oldestFirst);
  const archives = new Map<number, Article[]>();
  chunks.slice(0, -1).forEach((chunk, index) => archives.set(index, oldestFirst.slice(chunk.start, chunk.end).reverse()));
  const newest = chunks.at(-1);
  const entry: ListingPages = {
    total,
    archives: chunks.slice(0, -1).map((chunk): ArchiveEntry => [chunk.name, chunk.name, chunk.end - chunk.start]),
    ...(newest === undefined ? {} : { open: { name: newest.name, count: newest.end - newest.start } }),
  };
  return { head: [...oldestFirst].reverse().slice(0, HEAD_SIZE), archives, entry };
}

describe("planListingPage", () => {
  it.each([
    { total: 0, page: 1, expected: { pages: 1, start: 0, end: 0, head: false, archives: [] } },
    { total: 45, page: 3, expected: { pages: 3, start: 40, end: 45, head: true, archives: [] } },
    { total: 130, page: 5, expected: { pages: 7, start: 80, end: 100, head: true, archives: [] } },
  ])("plans page $page of $total articles from the head alone", ({ total, page, expected }) => {
    expect(planListingPage(storedScope(total).entry, page)).toEqual({ page, ...expected });
  });

  it("reads past the head only the archives that hold the page's articles, at most three", () => {
    for (const total of [101, 130, 257, 1000]) {
      const { entry } = storedScope(total);
      for (let page = 6; page <= Math.ceil(total / 20); page++) {
        const plan = planListingPage(entry, page)!;
        expect(plan.head).toBe(false);
        expect(plan.archives.length).toBeGreaterThan(0);
        expect(plan.archives.length).toBeLessThanOrEqual(3);
      }
    }
  });

  it.each([0, -1, 1.5, 4, Number.NaN])("has no page %s of 45 articles", (page) => {
    expect(planListingPage(storedScope(45).entry, page)).toBeUndefined();
  });
});

describe("assembleListingPage", () => {
  it.each([1, 19, 20, 21, 99, 100, 101, 139, 140, 141, 257, 1000])("lists all %s articles once, newest first, across the pages", (total) => {
    const { head, archives, entry } = storedScope(total);
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const plan = planListingPage(entry, page);
      if (plan === undefined) break;
      const read = new Map([...archives].filter(([archive]) => plan.archives.includes(archive)));
      seen.push(...assembleListingPage(plan, entry, plan.head ? head : [], read).map((article) => article.id));
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, index) => makeArticle(total - index).id));
  });

  it("throws naming the page when a needed archive was not read", () => {
    const { head, entry } = storedScope(130);
    const plan = planListingPage(entry, 6)!;
    expect(() => assembleListingPage(plan, entry, head, new Map())).toThrow(/listing page 6/);
  });
});
