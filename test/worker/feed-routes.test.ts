import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { FEED_MEDIA_TYPES } from "../../src/model/feed-format";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

const FINANCE = "/categories/%E9%87%91%E8%9E%8D"; // 金融
const FINANCE_SINA = `${FINANCE}/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F`; // 金融/新浪财经
const STOCKS = "/tags/%E8%82%A1%E5%B8%82"; // 股市

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(45));
});

/** Item ids in a rendered feed, in document order, whatever the format. */
function itemIds(body: string, format: "rss" | "atom" | "json"): string[] {
  if (format === "json") return (JSON.parse(body) as { items: { url: string }[] }).items.map((item) => item.url.split("/").pop()!);
  const element = format === "rss" ? "item" : "entry";
  return [...body.matchAll(new RegExp(`<${element}>[\\s\\S]*?/articles/(a\\d{4})`, "g"))].map((match) => match[1]!);
}

describe("feeds", () => {
  const cases = [
    { name: "the site's RSS", path: "/feed.xml", format: "rss", total: 45 },
    { name: "the site's Atom", path: "/atom.xml", format: "atom", total: 45 },
    { name: "the site's JSON Feed", path: "/feed.json", format: "json", total: 45 },
    { name: "a root category's RSS", path: `${FINANCE}/feed.xml`, format: "rss", total: 45 },
    { name: "a child category's Atom", path: `${FINANCE_SINA}/atom.xml`, format: "atom", total: 45 },
    { name: "a Latin category's JSON Feed", path: "/categories/Caf%C3%A9/feed.json", format: "json", total: 1 },
    { name: "a tag's RSS", path: `${STOCKS}/feed.xml`, format: "rss", total: 15 },
    { name: "a tag's JSON Feed", path: `${STOCKS}/feed.json`, format: "json", total: 15 },
  ] as const;

  it.each(cases)("serves $name with its media type, CORS, nosniff and newest items first", async ({ path, format, total }) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe(FEED_MEDIA_TYPES[format]);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=300, stale-while-revalidate=3600");
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]{32}"$/);
    // A browser's navigation gets an HTML view at the same URL (feed-view.test.ts): caches must tell the two apart.
    expect(response.headers.get("Vary")).toBe("Sec-Fetch-Dest");
    const ids = itemIds(await response.text(), format);
    expect(ids).toHaveLength(Math.min(total, 20));
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it("gives each format of the same scope its own ETag", async () => {
    const harness = createWorkerHarness();
    const tags = await Promise.all(["/feed.xml", "/atom.xml", "/feed.json"].map(async (path) => (await harness.fetch(path)).headers.get("ETag")));
    expect(new Set(tags).size).toBe(3);
  });

  it("sets Last-Modified to the newest item's updated date as an HTTP-date", async () => {
    const response = await createWorkerHarness().fetch("/feed.xml");
    // Article 45 is the newest: 2021-06-01 00:45 UTC.
    expect(response.headers.get("Last-Modified")).toBe("Tue, 01 Jun 2021 00:45:00 GMT");
  });

  it("serves the same feed for NFC and NFD spellings of a category name", async () => {
    const harness = createWorkerHarness();
    const nfc = await harness.fetch(`/categories/${encodeURIComponent("Café".normalize("NFC"))}/feed.xml`);
    const nfd = await harness.fetch(`/categories/${encodeURIComponent("Café".normalize("NFD"))}/feed.xml`);
    expect(nfc.status).toBe(200);
    expect(nfd.status).toBe(200);
    expect(nfd.headers.get("ETag")).toBe(nfc.headers.get("ETag"));
    expect(await nfd.text()).toBe(await nfc.text());
  });

  it("finds a child category whose names arrive in NFD", async () => {
    const path = ["Café", "Crème"].map((name) => encodeURIComponent(name.normalize("NFD"))).join("/");
    const response = await createWorkerHarness().fetch(`/categories/${path}/feed.json`);
    expect(response.status).toBe(200);
    expect(itemIds(await response.text(), "json")).toEqual(["a0005"]);
  });
});

/** The `<link rel="alternate">` elements of a page as type → href, whatever their attribute order. */
function alternates(html: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [element] of html.matchAll(/<link\b[^>]*>/g)) {
    const attribute = (name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
    if (attribute("rel") === "alternate") found[attribute("type")!] = attribute("href")!;
  }
  return found;
}

describe("pages", () => {
  it("serves the home page as HTML with autodiscovery of the three site feeds and the category tree", async () => {
    const response = await createWorkerHarness().fetch("/");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(alternates(html)).toEqual({
      "application/rss+xml": "https://example.com/feed.xml",
      "application/atom+xml": "https://example.com/atom.xml",
      "application/feed+json": "https://example.com/feed.json",
    });
    expect(html).toContain(`href="https://example.com${FINANCE}/"`);
    expect(html).toContain(`href="https://example.com${FINANCE_SINA}/feed.xml"`);
    expect(html).toContain('href="https://example.com/articles/a0045"');
    expect(html).toContain('href="https://example.com/opml.xml"');
  });

  it("serves a category page with autodiscovery of its own feeds and links to its subcategories", async () => {
    const response = await createWorkerHarness().fetch(`${FINANCE}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(alternates(html)).toMatchObject({
      "application/rss+xml": `https://example.com${FINANCE}/feed.xml`,
      "application/atom+xml": `https://example.com${FINANCE}/atom.xml`,
      "application/feed+json": `https://example.com${FINANCE}/feed.json`,
    });
    expect(html).toContain(`href="https://example.com${FINANCE_SINA}/"`);
  });

  it("serves a tag page with its feeds and its newest articles", async () => {
    const response = await createWorkerHarness().fetch(`${STOCKS}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(alternates(html)).toMatchObject({ "application/rss+xml": `https://example.com${STOCKS}/feed.xml` });
    expect(html).toContain("股市");
    expect(html).toContain('href="https://example.com/articles/a0045"');
    // a0044 is not tagged.
    expect(html).not.toContain('href="https://example.com/articles/a0044"');
  });

  it("redirects a scope page without its trailing slash to the one with it", async () => {
    const response = await createWorkerHarness().fetch(FINANCE);
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`https://example.com${FINANCE}/`);
  });

  it("serves an article page with its title, body and links to each of its category pages", async () => {
    const response = await createWorkerHarness().fetch("/articles/a0005");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toMatch(/<h1[^>]*>文章 5<\/h1>/);
    expect(html).toContain("<p>正文 5</p>");
    for (const path of [FINANCE, FINANCE_SINA, "/categories/Caf%C3%A9", "/categories/Caf%C3%A9/Cr%C3%A8me"]) {
      expect(html).toContain(`href="https://example.com${path}/"`);
    }
  });

  it("escapes markup in titles and category names on pages", async () => {
    await clearKv(env.FEEDS);
    const hostile = siteArticles(1).map((article) => ({ ...article, title: "<script>alert(1)</script>", categories: [['"><img src=x>']] }));
    await seedKv(env.FEEDS, hostile);
    const harness = createWorkerHarness();
    for (const path of ["/", "/articles/a0001", `/categories/${encodeURIComponent('"><img src=x>')}/`]) {
      const html = await (await harness.fetch(path)).text();
      expect(html).not.toContain("<script>alert(1)</script>");
      expect(html).not.toContain("<img src=x>");
    }
  });

  it("serves OPML listing the RSS feed of the site, every category, every tag and every author", async () => {
    const response = await createWorkerHarness().fetch("/opml.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/x-opml; charset=utf-8");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const urls = [...(await response.text()).matchAll(/xmlUrl="([^"]+)"/g)].map((match) => match[1]);
    expect(urls).toEqual([
      "https://example.com/feed.xml",
      "https://example.com/categories/Caf%C3%A9/feed.xml",
      "https://example.com/categories/Caf%C3%A9/Cr%C3%A8me/feed.xml",
      `https://example.com${FINANCE}/feed.xml`,
      `https://example.com${FINANCE_SINA}/feed.xml`,
      `https://example.com${STOCKS}/feed.xml`,
      "https://example.com/authors/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/feed.xml",
    ]);
  });
});

describe("not found and bad requests", () => {
  const notFound = [
    { name: "an unknown path", path: "/nothing-here", mention: "/opml.xml" },
    { name: "an unknown file in a scope", path: `${FINANCE}/index.rss`, mention: "/opml.xml" },
    { name: "an unknown root category", path: "/categories/%E4%BD%93%E8%82%B2/feed.xml", mention: "金融" },
    { name: "an unknown subcategory", path: `${FINANCE}/nope/feed.xml`, mention: "新浪财经" },
    { name: "an unknown category page", path: "/categories/nope/", mention: "金融" },
    { name: "an unknown tag", path: "/tags/nope/feed.json", mention: "股市" },
    { name: "a tag path with two names", path: `${STOCKS}/x/feed.xml`, mention: "single name" },
    { name: "a category path without names", path: "/categories/feed.xml", mention: "/opml.xml" },
    { name: "an empty name inside a category path", path: `/categories//${FINANCE.slice(12)}/feed.xml`, mention: "/opml.xml" },
    { name: "an unknown article", path: "/articles/zzzz", mention: "zzzz" },
    { name: "an article id that names an Object property", path: "/articles/constructor", mention: "constructor" },
  ];

  it.each(notFound)("returns 404 with a helpful text body for $name", async ({ path, mention }) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await response.text()).toContain(mention);
  });

  const badEncoding = [
    { name: "a truncated UTF-8 sequence in a category", path: "/categories/%E9%87/feed.xml" },
    { name: "a lone surrogate in a tag", path: "/tags/%ED%A0%80/feed.xml" },
    { name: "a stray percent sign in a tag", path: "/tags/50%/" },
    { name: "an overlong encoding in an article id", path: "/articles/%C0%AF" },
  ];

  it.each(badEncoding)("returns 400 naming the segment for $name", async ({ path }) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("not valid percent-encoded UTF-8");
  });
});

describe("site settings", () => {
  it("serves under SITE_URL's path prefix with links to the public URL", async () => {
    const harness = createWorkerHarness({ env: { SITE_URL: "https://news.example.org/finance" } });
    const response = await harness.fetch("/finance/feed.json");
    expect(response.status).toBe(200);
    const feed = (await response.json()) as { feed_url: string; items: { url: string }[] };
    expect(feed.feed_url).toBe("https://news.example.org/finance/feed.json");
    expect(feed.items[0]!.url).toBe("https://news.example.org/finance/articles/a0045");
    expect((await harness.fetch(`/finance${FINANCE}/atom.xml`)).status).toBe(200);
    expect((await harness.fetch("/feed.json")).status).toBe(404);
  });

  it("changes every ETag when a site setting changes", async () => {
    const before = await createWorkerHarness().fetch("/feed.xml");
    const after = await createWorkerHarness({ env: { SITE_TITLE: "Another title" } }).fetch("/feed.xml");
    expect(after.headers.get("ETag")).not.toBe(before.headers.get("ETag"));
    expect(await after.text()).toContain("Another title");
  });

  it("links to the request's origin when SITE_URL is unset, with an ETag per origin", async () => {
    const local = await createWorkerHarness().fetch("/feed.xml");
    const other = await createWorkerHarness({ origin: "https://feeds.example.net" }).fetch("/feed.xml");
    expect(await other.text()).toContain("https://feeds.example.net/articles/a0045");
    expect(other.headers.get("ETag")).not.toBe(local.headers.get("ETag"));
  });
});
