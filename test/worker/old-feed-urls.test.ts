import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { makeArticle } from "../support/make-article";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

const FINANCE = "%E9%87%91%E8%9E%8D"; // 金融
const SINA = "%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F"; // 新浪财经
const MARKET = "%E8%82%A1%E5%B8%82"; // 股市

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(30));
});

describe("old feed URLs", () => {
  it.each([
    { system: "WordPress", old: "/feed/", ours: "/feed.xml" },
    { system: "WordPress", old: "/feed", ours: "/feed.xml" },
    { system: "WordPress", old: "/feed/rss2/", ours: "/feed.xml" },
    { system: "WordPress", old: "/feed/rss/", ours: "/feed.xml" },
    { system: "WordPress", old: "/feed/atom/", ours: "/atom.xml" },
    { system: "WordPress", old: "/feed/atom", ours: "/atom.xml" },
    { system: "WordPress", old: `/category/${FINANCE}/feed/`, ours: `/categories/${FINANCE}/feed.xml` },
    { system: "WordPress", old: `/category/${FINANCE}/${SINA}/feed/`, ours: `/categories/${FINANCE}/${SINA}/feed.xml` },
    { system: "WordPress", old: `/category/${FINANCE}/feed/atom/`, ours: `/categories/${FINANCE}/atom.xml` },
    { system: "WordPress", old: `/category/${FINANCE}/feed/rss2/`, ours: `/categories/${FINANCE}/feed.xml` },
    { system: "WordPress", old: `/tag/${MARKET}/feed/`, ours: `/tags/${MARKET}/feed.xml` },
    { system: "WordPress", old: `/tag/${MARKET}/feed/atom/`, ours: `/tags/${MARKET}/atom.xml` },
    { system: "Hugo", old: "/index.xml", ours: "/feed.xml" },
    { system: "Hugo", old: `/categories/${FINANCE}/index.xml`, ours: `/categories/${FINANCE}/feed.xml` },
    { system: "Hugo", old: `/categories/${FINANCE}/${SINA}/index.xml`, ours: `/categories/${FINANCE}/${SINA}/feed.xml` },
    { system: "Hugo", old: `/tags/${MARKET}/index.xml`, ours: `/tags/${MARKET}/feed.xml` },
  ])("answers $system's $old with a 301 to $ours, which serves the feed", async ({ old, ours }) => {
    const harness = createWorkerHarness();
    const response = await harness.fetch(old, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`https://example.com${ours}`);
    expect(harness.reads).toEqual([]);
    const feed = await harness.fetch(ours);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Content-Type")).toMatch(/^application\/(rss|atom)\+xml/);
  });

  it.each([
    { old: "/feed/", ours: "https://news.example.org/blog/feed.xml" },
    { old: `/tag/${MARKET}/feed/`, ours: `https://news.example.org/blog/tags/${MARKET}/feed.xml` },
    { old: "/index.xml", ours: "https://news.example.org/blog/feed.xml" },
  ])("keeps SITE_URL's path: /blog$old answers a 301 to $ours", async ({ old, ours }) => {
    const harness = createWorkerHarness({ env: { SITE_URL: "https://news.example.org/blog" }, origin: "https://news.example.org" });
    const response = await harness.fetch(`/blog${old}`, { redirect: "manual" });
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(ours);
  });

  it.each(["/feed/json/", "/category/feed/", "/tag/a/b/feed/", "/indexes.xml", "/tags/index.xml"])("leaves %s to the other routes", async (path) => {
    const response = await createWorkerHarness().fetch(path, { redirect: "manual" });
    expect(response.status).toBe(404);
  });

  it("sends a category no one has to our feed URL, whose 404 says what exists", async () => {
    const harness = createWorkerHarness();
    const response = await harness.fetch("/category/nothing/feed/", { redirect: "manual" });
    expect(response.headers.get("Location")).toBe("https://example.com/categories/nothing/feed.xml");
    expect((await harness.fetch("/categories/nothing/feed.xml")).status).toBe(404);
  });

  describe("WordPress's author feeds", () => {
    const SINA_AUTHOR = "/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F"; // the author 新浪财经, whom siteArticles name

    beforeEach(async () => {
      await clearKv(env.FEEDS);
      await seedKv(env.FEEDS, [...siteArticles(30), makeArticle(31, { author: "Zoë Example" })]);
    });

    it.each([
      { old: `/author/${SINA}/feed/`, status: 301, ours: `${SINA_AUTHOR}/feed.xml` },
      { old: `/author/${SINA}/feed`, status: 301, ours: `${SINA_AUTHOR}/feed.xml` },
      { old: `/author/${SINA}/feed/rss2/`, status: 301, ours: `${SINA_AUTHOR}/feed.xml` },
      { old: `/author/${SINA}/feed/atom/`, status: 301, ours: `${SINA_AUTHOR}/atom.xml` },
      // WordPress writes non-ASCII slugs percent-encoded in lowercase.
      { old: `/author/${SINA.toLowerCase()}/feed/`, status: 301, ours: `${SINA_AUTHOR}/feed.xml` },
      { old: "/author/Zo%C3%AB%20Example/feed/", status: 301, ours: "/authors/Zo%C3%AB%20Example/feed.xml" },
      // As WordPress slugs the name: accents removed, lowercase, a space as `-`.
      { old: "/author/zoe-example/feed/atom/", status: 301, ours: "/authors/Zo%C3%AB%20Example/atom.xml" },
      // No author of that name here: the site's feed, which holds every author's posts, for now (302).
      { old: "/author/editor/feed/", status: 302, ours: "/feed.xml" },
      { old: "/author/editor/feed/atom/", status: 302, ours: "/atom.xml" },
    ])("answers $old with a $status to $ours, which serves the feed", async ({ old, status, ours }) => {
      const harness = createWorkerHarness();
      const response = await harness.fetch(old, { redirect: "manual" });
      expect(response.status).toBe(status);
      expect(response.headers.get("Location")).toBe(`https://example.com${ours}`);
      // It needs the live generation's authors (current and the manifest), never a page.
      expect(harness.reads.filter((key) => !key.startsWith("manifest:") && key !== "current")).toEqual([]);
      const feed = await harness.fetch(ours);
      expect(feed.status).toBe(200);
      expect(feed.headers.get("Content-Type")).toMatch(/^application\/(rss|atom)\+xml/);
    });

    it("keeps SITE_URL's path: /blog/author/<x>/feed/ leads below /blog", async () => {
      const harness = createWorkerHarness({ env: { SITE_URL: "https://news.example.org/blog" }, origin: "https://news.example.org" });
      const known = await harness.fetch(`/blog/author/${SINA}/feed/`, { redirect: "manual" });
      expect(known.headers.get("Location")).toBe(`https://news.example.org/blog${SINA_AUTHOR}/feed.xml`);
      const unknown = await harness.fetch("/blog/author/editor/feed/atom/", { redirect: "manual" });
      expect(unknown.headers.get("Location")).toBe("https://news.example.org/blog/atom.xml");
    });

    it("answers a malformed percent-encoding in the name with a 400 that says so", async () => {
      const response = await createWorkerHarness().fetch("/author/%E6%96/feed/", { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("not valid percent-encoded UTF-8");
    });

    it.each(["/author/feed/", "/author/a/b/feed/", "/author/x/feed/json/"])("leaves %s to the other routes", async (path) => {
      const response = await createWorkerHarness().fetch(path, { redirect: "manual" });
      expect(response.status).toBe(404);
    });
  });
});
