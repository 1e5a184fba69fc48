import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { CURRENT_KEY } from "../../src/model/keys";
import type { Manifest, ScopeEntry } from "../../src/model/manifest";
import { SITEMAP_INLINE_PAGES, SITEMAP_MAX_URLS, planSitemap } from "../../src/worker/sitemaps/plan-sitemap";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

/** Every `<loc>` of a sitemap or index, in order. */
function locations(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!);
}

describe("a small site's sitemap", () => {
  beforeEach(async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, siteArticles(30));
  });

  it("lists the home, every category and tag page and every article with lastmod, in one file", async () => {
    const response = await createWorkerHarness().fetch("/sitemap.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(response.headers.get("ETag")).toMatch(/^"/);
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    const locs = locations(xml);
    expect(locs[0]).toBe("https://example.com/");
    expect(locs).toContain("https://example.com/categories/%E9%87%91%E8%9E%8D/");
    expect(locs).toContain("https://example.com/categories/%E9%87%91%E8%9E%8D/%E6%96%B0%E6%B5%AA%E8%B4%A2%E7%BB%8F/");
    expect(locs).toContain("https://example.com/tags/%E8%82%A1%E5%B8%82/");
    expect(locs).toContain("https://example.com/categories/Caf%C3%A9/Cr%C3%A8me/");
    const articles = locs.filter((loc) => loc.includes("/articles/"));
    expect(new Set(articles).size).toBe(30);
    expect(xml).toContain("<url><loc>https://example.com/articles/a0030</loc><lastmod>2021-06-01T00:30:00Z</lastmod></url>");
    expect(xml.match(/<url>/g)).toHaveLength(xml.match(/<lastmod>/g)!.length);
  });

  it("is named in robots.txt by its absolute URL, below SITE_URL when set", async () => {
    const robots = await createWorkerHarness().fetch("/robots.txt");
    expect(robots.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await robots.text()).toBe("User-agent: *\nAllow: /\n\nSitemap: https://example.com/sitemap.xml\n");
    const moved = await createWorkerHarness({ env: { SITE_URL: "https://news.example.org" } }).fetch("/robots.txt");
    expect(await moved.text()).toContain("Sitemap: https://news.example.org/sitemap.xml\n");
  });

  it("answers 404 for a sitemap file no index lists", async () => {
    const harness = createWorkerHarness();
    for (const path of ["/sitemaps/scopes-2.xml", "/sitemaps/articles-19700101T000000Z.xml", "/sitemaps/other.xml"]) {
      const response = await harness.fetch(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("/sitemap.xml lists them");
    }
  });
});

describe("a large site's sitemap", () => {
  beforeEach(async () => {
    await clearKv(env.FEEDS);
    await seedKv(env.FEEDS, siteArticles(700));
  });

  it("is an index of split sitemaps, each of which costs one page read, and together they list every article once", async () => {
    const harness = createWorkerHarness();
    const index = await (await harness.fetch("/sitemap.xml")).text();
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    // The index itself reads current and the manifest, no page.
    expect(harness.reads).toHaveLength(2);
    const files = locations(index);
    expect(files[0]).toBe("https://example.com/sitemaps/scopes-1.xml");
    expect(files.length).toBeGreaterThan(SITEMAP_INLINE_PAGES + 1);
    const scopes = locations(await (await harness.fetch("/sitemaps/scopes-1.xml")).text());
    expect(scopes).toContain("https://example.com/");
    expect(scopes.some((loc) => loc.includes("/articles/"))).toBe(false);
    const articles: string[] = [];
    for (const file of files.slice(1)) {
      harness.reset();
      const response = await harness.fetch(new URL(file).pathname);
      expect(response.status).toBe(200);
      expect(harness.reads.filter((key) => key !== CURRENT_KEY)).toHaveLength(1);
      articles.push(...locations(await response.text()));
    }
    expect(articles).toHaveLength(700);
    expect(new Set(articles).size).toBe(700);
  });
});

describe("planSitemap", () => {
  const manifest = (total: number, pages: number): Manifest => {
    const site: ScopeEntry = {
      scope: { kind: "site" },
      total,
      updated: "2021-06-01T00:00:00Z",
      head: "head",
      archives: Array.from({ length: pages - 1 }, (_, index): [string, string, number] => [`2021060${index}T000000Z`, `hash${index}`, 45]),
      open: { name: "20990101T000000Z", count: 10 },
    };
    return { format: 2, updated: site.updated, scopes: { "/": site }, categories: [], tags: [], shards: {} } as unknown as Manifest;
  };

  it("keeps one sitemap while it reads at most SITEMAP_INLINE_PAGES pages and lists at most 50,000 URLs", () => {
    expect(planSitemap(manifest(400, SITEMAP_INLINE_PAGES), 20).kind).toBe("url-set");
    expect(planSitemap(manifest(500, SITEMAP_INLINE_PAGES + 1), 20).kind).toBe("index");
  });

  it("splits a site of more than 50,000 URLs, and 100,000 articles into one sitemap per page of about 45", () => {
    expect(planSitemap(manifest(400, 9), SITEMAP_MAX_URLS).kind).toBe("index");
    const plan = planSitemap(manifest(100_000, 2_223), 120_000);
    expect(plan).toMatchObject({ kind: "index", scopeFiles: 3 });
    expect(plan.pages).toHaveLength(2_223);
  });
});
