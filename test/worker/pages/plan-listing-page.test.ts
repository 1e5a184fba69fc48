import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/model/article";
import { HEAD_SIZE, PAGE_SIZE } from "../../../src/model/feed-page";
import { assembleListingPage, planListingPage } from "../../../src/worker/pages/plan-listing-page";
import { makeArticle } from "../../support/make-article";

/** A scope of `total` articles stored as the build stores it: the newest HEAD_SIZE in the head, full pages of PAGE_SIZE from the oldest. */
function storedScope(total: number): { head: Article[]; archives: Map<number, Article[]>; archiveCount: number } {
  const newestFirst = Array.from({ length: total }, (_, index) => makeArticle(total - index));
  const archiveCount = Math.floor(total / PAGE_SIZE);
  const archives = new Map<number, Article[]>();
  for (let archive = 1; archive <= archiveCount; archive++) {
    // Archive k holds the articles numbered (k-1)*PAGE_SIZE+1 … k*PAGE_SIZE, newest first.
    archives.set(archive, Array.from({ length: PAGE_SIZE }, (_, index) => makeArticle(archive * PAGE_SIZE - index)));
  }
  return { head: newestFirst.slice(0, HEAD_SIZE), archives, archiveCount };
}

describe("planListingPage", () => {
  it.each([
    { total: 0, page: 1, expected: { pages: 1, start: 0, end: 0, archives: [] } },
    { total: 45, page: 3, expected: { pages: 3, start: 40, end: 45, archives: [] } },
    { total: 130, page: 5, expected: { pages: 7, start: 80, end: 100, archives: [] } },
    // Newest-first indexes 100…119 are positions 10…29 from the oldest: archives 1 and 2.
    { total: 130, page: 6, expected: { pages: 7, start: 100, end: 120, archives: [1, 2] } },
    { total: 130, page: 7, expected: { pages: 7, start: 120, end: 130, archives: [1] } },
    { total: 140, page: 7, expected: { pages: 7, start: 120, end: 140, archives: [1] } },
  ])("plans page $page of $total articles", ({ total, page, expected }) => {
    const { archiveCount, head } = storedScope(total);
    expect(planListingPage(total, archiveCount, head.length, page)).toEqual({ page, ...expected });
  });

  it.each([0, -1, 1.5, 4, Number.NaN])("has no page %s of 45 articles", (page) => {
    expect(planListingPage(45, 2, 45, page)).toBeUndefined();
  });
});

describe("assembleListingPage", () => {
  it.each([1, 19, 20, 21, 99, 100, 101, 139, 140, 141, 257])("lists all %s articles once, newest first, across the pages", (total) => {
    const { head, archives, archiveCount } = storedScope(total);
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const plan = planListingPage(total, archiveCount, head.length, page);
      if (plan === undefined) break;
      const read = new Map([...archives].filter(([archive]) => plan.archives.includes(archive)));
      seen.push(...assembleListingPage(plan, total, head, read).map((article) => article.id));
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, index) => makeArticle(total - index).id));
  });

  it("throws naming the page when a needed archive was not read", () => {
    const { head, archiveCount } = storedScope(130);
    const plan = planListingPage(130, archiveCount, head.length, 6)!;
    expect(() => assembleListingPage(plan, 130, head, new Map())).toThrow(/listing page 6/);
  });
});
