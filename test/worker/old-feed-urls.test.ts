import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
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
    { system: "WordPress", old: "/author/editor/feed/", ours: "/feed.xml" },
    { system: "WordPress", old: "/author/editor/feed/atom/", ours: "/atom.xml" },
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
});
