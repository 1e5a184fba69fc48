import { describe, expect, it } from "vitest";
import type { FeedFormat } from "../../../src/model/feed-format";
import { buildFeedDocument } from "../../../src/worker/feeds/build-feed-document";
import { archivePage, categoryScope, headPage, originOnlyConfig, publicConfig, scopePages } from "./feed-fixtures";

const ORIGIN = "https://edgefeed.example.workers.dev";
const FEED = "https://news.example.com/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/feed.xml";

describe("buildFeedDocument links", () => {
  // 150 items in pages as the planner cuts them: archives of 32, 34 and 39, then the open page of the newest 45.
  const pages = scopePages(150);
  const [oldest, middle, newest] = pages.archives.map((archive) => `?page=${archive[0]}`);
  const open = `?page=${pages.open!.name}`;

  it("cuts the fixture's 150 items into three archives and an open page", () => {
    expect(pages.archives.map((archive) => archive[2])).toEqual([32, 34, 39]);
    expect(pages.open!.count).toBe(45);
  });

  it.each([
    { name: "the default subscription document", total: 150, limit: 20, self: "", next: open, prevArchive: newest, items: 20 },
    { name: "a subscription document as long as the open page", total: 150, limit: 45, self: "?limit=45", next: newest, prevArchive: newest, items: 45 },
    { name: "a subscription document reaching past the newest archive", total: 150, limit: 100, self: "?limit=100", next: middle, prevArchive: newest, items: 100 },
    { name: "a subscription document showing everything", total: 45, limit: 100, self: "?limit=100", items: 45 },
    { name: "a scope of one page", total: 7, limit: 20, self: "", items: 7 },
  ])("links $name", ({ total, limit, self, next, prevArchive, items }) => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(total), pages: scopePages(total), limit, format: "rss" });
    expect(document.links).toEqual({
      self: FEED + self,
      alternate: FEED.replace("feed.xml", ""),
      ...(next === undefined ? {} : { next: FEED + next }),
      ...(prevArchive === undefined ? {} : { prevArchive: FEED + prevArchive }),
    });
    expect(document.items).toHaveLength(items);
    expect(document.archive).toBe(false);
  });

  it.each([
    { name: "the oldest archive page", index: 1, self: () => oldest, nextArchive: () => middle, items: 32 },
    { name: "the newest archive page below the open page", index: 3, self: () => newest, next: () => middle, nextArchive: () => open, items: 39 },
  ])("links $name with current, prev-archive and next-archive", ({ index, self, next, nextArchive, items }) => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: archivePage(150, index), pages, limit: 20, format: "rss" });
    expect(document.links).toEqual({
      self: FEED + self(),
      alternate: FEED.replace("feed.xml", ""),
      current: FEED,
      ...(next === undefined ? {} : { next: FEED + next(), prevArchive: FEED + next() }),
      nextArchive: FEED + nextArchive(),
    });
    expect(document.archive).toBe(true);
    expect(document.items).toHaveLength(items);
  });

  it("links a middle archive both ways", () => {
    const many = scopePages(400);
    expect(many.archives.length).toBeGreaterThan(4);
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: archivePage(400, 3), pages: many, limit: 20, format: "rss" });
    expect(document.links.next).toBe(`${FEED}?page=${many.archives[1]![0]}`);
    expect(document.links.nextArchive).toBe(`${FEED}?page=${many.archives[3]![0]}`);
  });

  it("serves the open page from the head as a page that is not an archive", () => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(150), pages, limit: 20, format: "rss", openPage: true });
    expect(document.links.self).toBe(FEED + open);
    expect(document.links.current).toBe(FEED);
    expect(document.links.next).toBe(FEED + newest);
    expect(document.links.prevArchive).toBe(FEED + newest);
    expect(document.links.nextArchive).toBeUndefined();
    expect(document.archive).toBe(false);
    expect(document.items.map((item) => item.article.id)).toEqual(headPage(150).items.slice(0, 45).map((article) => article.id));
  });

  it.each<{ format: FeedFormat; file: string }>([
    { format: "rss", file: "feed.xml" },
    { format: "atom", file: "atom.xml" },
    { format: "json", file: "feed.json" },
  ])("names the $format file in its links", ({ format, file }) => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: { kind: "site" }, page: headPage(150), pages: scopePages(150), limit: 20, format });
    expect(document.links.self).toBe(`https://news.example.com/${file}`);
    expect(document.links.next).toBe(`https://news.example.com/${file}?page=${scopePages(150).open!.name}`);
  });
});

describe("buildFeedDocument ids and links by host", () => {
  it("uses the site URL for links and ids, and the ids are permalinks", () => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(3), limit: 20, format: "atom" });
    expect(document.id).toBe("https://news.example.com/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/");
    expect(document.items[0]).toMatchObject({
      url: "https://news.example.com/articles/8f6629c53df7089d",
      id: "https://news.example.com/articles/8f6629c53df7089d",
      idIsPermalink: true,
    });
  });

  it("uses the request's origin for links and tag URIs under the request's host for ids when neither SITE_URL nor SITE_ID is set", () => {
    const build = (origin: string, format: FeedFormat) =>
      buildFeedDocument({ config: originOnlyConfig(), origin, scope: categoryScope(), page: headPage(3), limit: 20, format });
    const first = build("https://a.example.workers.dev", "rss");
    const again = build("https://a.example.workers.dev", "atom");
    const other = build("http://localhost:8787", "atom");
    expect(first.links.self).toBe("https://a.example.workers.dev/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/feed.xml");
    expect(other.links.self).toBe("http://localhost:8787/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/atom.xml");
    expect(first.items[0]!.url).toBe("https://a.example.workers.dev/articles/8f6629c53df7089d");
    expect(first.id).toBe("tag:a.example.workers.dev,2026:scopes/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/");
    expect(first.items[0]).toMatchObject({ id: "tag:a.example.workers.dev,2026:articles/8f6629c53df7089d", idIsPermalink: false });
    // The same deployment gives the same ids in every format; another one (another host) never shares them.
    expect(again.id).toBe(first.id);
    expect(again.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
    expect(other.items[0]!.id).toBe("tag:localhost,2026:articles/8f6629c53df7089d");
  });

  it("uses tag URIs under SITE_ID for ids, whatever SITE_URL and the host say", () => {
    const config = (url: string) => ({ ...originOnlyConfig(), url, siteId: "news.example.com,2026-12" });
    const ids = [
      buildFeedDocument({ config: config(""), origin: "https://a.example.workers.dev", scope: categoryScope(), page: headPage(3), limit: 20, format: "rss" }),
      buildFeedDocument({ config: config(""), origin: "http://localhost:8787", scope: categoryScope(), page: headPage(3), limit: 20, format: "json" }),
      buildFeedDocument({ config: config("https://news.example.com"), origin: ORIGIN, scope: categoryScope(), page: headPage(3), limit: 20, format: "atom" }),
    ].map((document) => [document.id, document.items[0]!.id, document.items[0]!.idIsPermalink]);
    expect(new Set(ids.map((id) => JSON.stringify(id))).size).toBe(1);
    expect(ids[0]).toEqual(["tag:news.example.com,2026-12:scopes/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/", "tag:news.example.com,2026-12:articles/8f6629c53df7089d", false]);
  });

  it("gives each scope its own feed id, the same on every page", () => {
    const ids = [categoryScope(), { kind: "category" as const, path: ["金融"] }, { kind: "tag" as const, name: "金融" }, { kind: "site" as const }].map(
      (scope) => buildFeedDocument({ config: originOnlyConfig(), origin: ORIGIN, scope, page: headPage(45), limit: 20, format: "atom" }).id,
    );
    expect(new Set(ids).size).toBe(4);
    const archive = buildFeedDocument({ config: originOnlyConfig(), origin: ORIGIN, scope: categoryScope(), page: archivePage(150, 1), pages: scopePages(150), limit: 20, format: "atom" });
    expect(archive.id).toBe(ids[0]);
  });
});

describe("buildFeedDocument content", () => {
  it("takes updated from the newest item's updated, not its published or the clock", () => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(45), limit: 20, format: "rss" });
    expect(document.updated).toBe("2021-06-12T08:00:00Z");
    const archive = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: archivePage(150, 1), pages: scopePages(150), limit: 20, format: "rss" });
    expect(archive.updated).toBe(archive.items[0]!.article.updated);
  });

  it("dates an empty document at a fixed date the validator finds plausible", () => {
    const page = { ...headPage(0), items: [] };
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: { kind: "site" }, page, limit: 20, format: "atom" });
    expect(document.updated).toBe("2026-01-01T00:00:00Z");
    expect(document.items).toEqual([]);
  });

  it.each([
    { name: "the site", scope: { kind: "site" as const }, title: "边缘 & 新闻", description: "财经新闻 <每日> 更新" },
    { name: "a category", scope: categoryScope(), title: "金融 › 新浪财经 · 边缘 & 新闻", description: "金融 › 新浪财经 · 边缘 & 新闻" },
    { name: "a tag", scope: { kind: "tag" as const, name: "港股" }, title: "#港股 · 边缘 & 新闻", description: "#港股 · 边缘 & 新闻" },
  ])("titles and describes $name", ({ scope, title, description }) => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope, page: headPage(3), limit: 20, format: "json" });
    expect(document).toMatchObject({ title, description, language: "zh-CN", author: "边缘 & 新闻" });
  });

  it("takes a title given by the caller", () => {
    const document = buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), page: headPage(3), limit: 20, format: "json", title: "新浪财经" });
    expect(document.title).toBe("新浪财经");
  });
});

describe("buildFeedDocument errors", () => {
  const head = () => headPage(45);
  it.each([
    { name: "a limit of 0", input: { page: head(), limit: 0 }, message: "limit must be an integer from 1 to 100, got 0" },
    { name: "a limit over 100", input: { page: head(), limit: 101 }, message: "limit must be an integer from 1 to 100, got 101" },
    { name: "an open page where the head is too short", input: { page: headPage(10), pages: scopePages(150), limit: 20, openPage: true }, message: "the head holds 10 items, fewer than the open page's 45" },
    { name: "an archive page without the scope's pages", input: { page: archivePage(150, 1), limit: 20 }, message: `archive page ${scopePages(150).archives[0]![0]} needs the scope's pages` },
    { name: "an archive page the scope does not list", input: { page: { ...archivePage(150, 2), name: "20990101T000000Z" }, pages: scopePages(150), limit: 20 }, message: "page 20990101T000000Z is not an archive of the scope" },
  ])("throws for $name", ({ input, message }) => {
    expect(() => buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope: categoryScope(), format: "rss", ...input })).toThrow(message);
  });

  it("throws naming the origin when there is no site URL and the origin is not a URL", () => {
    expect(() => buildFeedDocument({ config: originOnlyConfig(), origin: "localhost", scope: categoryScope(), page: headPage(3), limit: 20, format: "rss" })).toThrow(
      'origin must be an absolute URL when SITE_URL is unset, got "localhost"',
    );
  });
});

describe("buildFeedDocument WebSub hub", () => {
  const HUB = "https://pubsubhubbub.appspot.com/";
  const config = { ...publicConfig(), websubHub: HUB };
  const scope = categoryScope();
  const pages = scopePages(150);

  it.each(["rss", "atom", "json"] as const)("names the hub on the %s subscription document, whose self link stays the feed's URL", (format) => {
    const document = buildFeedDocument({ config, origin: ORIGIN, scope, page: headPage(150), pages, limit: 20, format });
    expect(document.links.hub).toBe(HUB);
    expect(document.links.self).toBe(FEED.replace("feed.xml", { rss: "feed.xml", atom: "atom.xml", json: "feed.json" }[format]));
  });

  it("names no hub on a ?limit= document, a topic no publish pings", () => {
    expect(buildFeedDocument({ config, origin: ORIGIN, scope, page: headPage(150), pages, limit: 45, format: "rss" }).links.hub).toBeUndefined();
  });

  it("names no hub on the open page or an archive page", () => {
    expect(buildFeedDocument({ config, origin: ORIGIN, scope, page: headPage(150), pages, limit: 20, format: "rss", openPage: true }).links.hub).toBeUndefined();
    expect(buildFeedDocument({ config, origin: ORIGIN, scope, page: archivePage(150, 2), pages, limit: 20, format: "atom" }).links.hub).toBeUndefined();
  });

  it("names no hub when WEBSUB_HUB is unset", () => {
    expect(buildFeedDocument({ config: publicConfig(), origin: ORIGIN, scope, page: headPage(150), pages, limit: 20, format: "json" }).links.hub).toBeUndefined();
  });
});
