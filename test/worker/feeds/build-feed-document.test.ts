import { describe, expect, it } from "vitest";
import type { FeedFormat } from "../../../src/model/feed-format";
import { buildFeedDocument } from "../../../src/worker/feeds/build-feed-document";
import { archivePage, categoryScope, headPage, originOnlyConfig, publicConfig } from "./feed-fixtures";

const ORIGIN = "https://edgefeed.example.workers.dev";
const FEED = "https://news.example.com/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/feed.xml";

describe("buildFeedDocument links", () => {
  // 45 items: archive pages 1 and 2 hold 40, the open page 3 holds the newest 5. 40 items: no open page.
  it.each([
    { name: "the default subscription document", total: 45, limit: 20, self: "", next: "?page=2", prevArchive: "?page=2", items: 20 },
    { name: "a subscription document shorter than the open page", total: 45, limit: 3, self: "?limit=3", next: "?page=3", items: 3 },
    { name: "a subscription document reaching into page 1", total: 45, limit: 25, self: "?limit=25", next: "?page=1", prevArchive: "?page=1", items: 25 },
    { name: "a subscription document showing everything", total: 45, limit: 100, self: "?limit=100", items: 45 },
    { name: "a subscription document ending on a page boundary", total: 40, limit: 20, self: "", next: "?page=1", prevArchive: "?page=1", items: 20 },
    { name: "a scope smaller than one page", total: 7, limit: 20, self: "", items: 7 },
  ])("links $name", ({ total, limit, self, next, prevArchive, items }) => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(categoryScope(), total), limit, format: "rss" });
    expect(document.links).toEqual({
      self: FEED + self,
      alternate: FEED.replace("feed.xml", ""),
      ...(next === undefined ? {} : { next: FEED + next }),
      ...(prevArchive === undefined ? {} : { prevArchive: FEED + prevArchive }),
      stylesheet: "https://news.example.com/feed.xsl",
    });
    expect(document.items).toHaveLength(items);
    expect(document.archive).toBe(false);
  });

  it.each([
    { name: "the oldest archive page", total: 45, index: 1, nextArchive: "?page=2" },
    { name: "the newest archive page below an open page", total: 45, index: 2, next: "?page=1", nextArchive: "?page=3" },
    { name: "the only archive page below an open page", total: 21, index: 1, nextArchive: "?page=2" },
    { name: "the newest archive page of a scope with no open page", total: 40, index: 2, next: "?page=1" },
    { name: "a middle archive page", total: 65, index: 2, next: "?page=1", nextArchive: "?page=3" },
  ])("links $name with current, prev-archive and next-archive", ({ total, index, next, nextArchive }) => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: archivePage(categoryScope(), total, index), limit: 20, format: "rss", total });
    expect(document.links).toEqual({
      self: `${FEED}?page=${index}`,
      alternate: FEED.replace("feed.xml", ""),
      current: FEED,
      ...(next === undefined ? {} : { next: FEED + next, prevArchive: FEED + next }),
      ...(nextArchive === undefined ? {} : { nextArchive: FEED + nextArchive }),
      stylesheet: "https://news.example.com/feed.xsl",
    });
    expect(document.archive).toBe(true);
    expect(document.items).toHaveLength(20);
  });

  it("serves the open page from the head as a page that is not an archive", () => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(categoryScope(), 45), limit: 20, format: "rss", pageNumber: 3 });
    expect(document.links.self).toBe(`${FEED}?page=3`);
    expect(document.links.current).toBe(FEED);
    expect(document.links.next).toBe(`${FEED}?page=2`);
    expect(document.links.prevArchive).toBe(`${FEED}?page=2`);
    expect(document.links.nextArchive).toBeUndefined();
    expect(document.archive).toBe(false);
    expect(document.items.map((item) => item.article.id)).toEqual(headPage(categoryScope(), 45).items.slice(0, 5).map((article) => article.id));
  });

  it.each<{ format: FeedFormat; file: string; stylesheet: boolean }>([
    { format: "rss", file: "feed.xml", stylesheet: true },
    { format: "atom", file: "atom.xml", stylesheet: true },
    { format: "json", file: "feed.json", stylesheet: false },
  ])("names the $format file in its links and sets a stylesheet only for XML", ({ format, file, stylesheet }) => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: { kind: "site" }, page: headPage({ kind: "site" }, 45), limit: 20, format });
    expect(document.links.self).toBe(`https://news.example.com/${file}`);
    expect(document.links.next).toBe(`https://news.example.com/${file}?page=2`);
    expect(document.links.stylesheet !== undefined).toBe(stylesheet);
  });
});

describe("buildFeedDocument ids and links by host", () => {
  it("uses the site URL for links and ids, and the ids are permalinks", () => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(categoryScope(), 3), limit: 20, format: "atom" });
    expect(document.id).toBe("https://news.example.com/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/");
    expect(document.items[0]).toMatchObject({
      url: "https://news.example.com/articles/8f6629c53df7089d",
      id: "https://news.example.com/articles/8f6629c53df7089d",
      idIsPermalink: true,
    });
  });

  it("uses the request's origin for links but host-independent tag URIs for ids when no site URL is set", () => {
    const build = (origin: string, format: FeedFormat) =>
      buildFeedDocument({ config: originOnlyConfig(), origin, scope: categoryScope(), page: headPage(categoryScope(), 3), limit: 20, format });
    const first = build("https://a.example.workers.dev", "rss");
    const second = build("http://localhost:8787", "atom");
    expect(first.links.self).toBe("https://a.example.workers.dev/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/feed.xml");
    expect(second.links.self).toBe("http://localhost:8787/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/atom.xml");
    expect(first.items[0]!.url).toBe("https://a.example.workers.dev/articles/8f6629c53df7089d");
    expect(first.id).toBe("tag:edgefeed,2026:scopes/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/");
    expect(second.id).toBe(first.id);
    expect(first.items.map((item) => item.id)).toEqual(second.items.map((item) => item.id));
    expect(first.items[0]).toMatchObject({ id: "tag:edgefeed,2026:articles/8f6629c53df7089d", idIsPermalink: false });
  });

  it("gives each scope its own feed id, the same on every page", () => {
    const ids = [categoryScope(), { kind: "category" as const, path: ["金融"] }, { kind: "tag" as const, name: "金融" }, { kind: "site" as const }].map(
      (scope) => buildFeedDocument({ config: originOnlyConfig(), origin: ORIGIN, scope, page: headPage(scope, 45), limit: 20, format: "atom" }).id,
    );
    expect(new Set(ids).size).toBe(4);
    const archive = buildFeedDocument({ config: originOnlyConfig(), origin: ORIGIN, scope: categoryScope(), page: archivePage(categoryScope(), 45, 1), limit: 20, format: "atom", total: 45 });
    expect(archive.id).toBe(ids[0]);
  });
});

describe("buildFeedDocument content", () => {
  it("takes updated from the newest item's updated, not its published or the clock", () => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(categoryScope(), 45), limit: 20, format: "rss" });
    expect(document.updated).toBe("2021-06-12T08:00:00Z");
    const archive = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: archivePage(categoryScope(), 45, 1), limit: 20, format: "rss", total: 45 });
    expect(archive.updated).toBe(archive.items[0]!.article.updated);
  });

  it("dates an empty document at a fixed date the validator finds plausible", () => {
    const page = { ...headPage({ kind: "site" }, 0), items: [] };
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: { kind: "site" }, page, limit: 20, format: "atom" });
    expect(document.updated).toBe("2026-01-01T00:00:00Z");
    expect(document.items).toEqual([]);
  });

  it.each([
    { name: "the site", scope: { kind: "site" as const }, title: "边缘 & 新闻", description: "财经新闻 <每日> 更新" },
    { name: "a category", scope: categoryScope(), title: "金融 › 新浪财经 · 边缘 & 新闻", description: "金融 › 新浪财经 · 边缘 & 新闻" },
    { name: "a tag", scope: { kind: "tag" as const, name: "港股" }, title: "#港股 · 边缘 & 新闻", description: "#港股 · 边缘 & 新闻" },
  ])("titles and describes $name", ({ scope, title, description }) => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope, page: headPage(scope, 3), limit: 20, format: "json" });
    expect(document).toMatchObject({ title, description, language: "zh-CN", author: "边缘 & 新闻" });
  });

  it("takes a title given by the caller", () => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(categoryScope(), 3), limit: 20, format: "json", title: "新浪财经" });
    expect(document.title).toBe("新浪财经");
  });
});

describe("buildFeedDocument errors", () => {
  const head = () => headPage(categoryScope(), 45);
  it.each([
    { name: "a limit of 0", input: { page: head(), limit: 0 }, message: "limit must be an integer from 1 to 100, got 0" },
    { name: "a limit over 100", input: { page: head(), limit: 101 }, message: "limit must be an integer from 1 to 100, got 101" },
    { name: "a full page asked of the head", input: { page: head(), limit: 20, pageNumber: 2 }, message: "the head holds only the open page 3, not page 2" },
    { name: "an open page where there is none", input: { page: headPage(categoryScope(), 40), limit: 20, pageNumber: 3 }, message: "the head holds only the open page (none), not page 3" },
    { name: "an archive page without the scope's total", input: { page: archivePage(categoryScope(), 45, 1), limit: 20 }, message: "archive page 1 needs the scope's total" },
    { name: "an archive page past the full ones", input: { page: { ...archivePage(categoryScope(), 45, 2), index: 3 }, limit: 20, total: 45 }, message: "page 3 is not a full archive page of 45 items" },
  ])("throws for $name", ({ input, message }) => {
    expect(() => buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), format: "rss", ...input })).toThrow(message);
  });

  it("throws naming the origin when there is no site URL and the origin is not a URL", () => {
    expect(() => buildFeedDocument({ config: originOnlyConfig(), origin: "localhost", scope: categoryScope(), page: headPage(categoryScope(), 3), limit: 20, format: "rss" })).toThrow(
      'origin must be an absolute URL when SITE_URL is unset, got "localhost"',
    );
  });
});
