import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_ITEM_MAX_BYTES } from "../../src/model/kv-limits";
import { makeArticle } from "../support/make-article";
import { clearKv, seedKv } from "../support/seed-kv";
import { siteArticles } from "../support/site-articles";
import { createWorkerHarness } from "../support/worker-harness";

// 2.6 MB of paragraphs, each numbered, so the end of the article is recognisable.
const PARAGRAPHS = 8_000;
const long = makeArticle(30, {
  id: "long-article",
  contentHtml: Array.from({ length: PARAGRAPHS }, (_, index) => `<p>第 ${index} 段：${"很长的文章。".repeat(17)}</p>`).join("\n"),
});

beforeAll(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, [...siteArticles(29), long, ...siteArticles(60).slice(30)]);
});

describe("an article too long for a feed page", () => {
  it("is at least 2.6 MB, more than a page's copy may hold", () => {
    expect(Buffer.byteLength(long.contentHtml)).toBeGreaterThan(2_600_000);
  });

  it("shows all of it on its page", async () => {
    const response = await createWorkerHarness().fetch("/articles/long-article");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`第 ${PARAGRAPHS - 1} 段`);
  });

  it("is in the feeds cut at a block boundary, with a link to the whole article", async () => {
    const feed = (await (await createWorkerHarness().fetch("/feed.json?limit=100")).json()) as { items: { id: string; url: string; content_html: string }[] };
    const item = feed.items.find((candidate) => candidate.url.endsWith("/articles/long-article"))!;
    expect(Buffer.byteLength(item.content_html)).toBeLessThan(PAGE_ITEM_MAX_BYTES);
    expect(item.content_html).toContain("第 0 段");
    expect(item.content_html).not.toContain(`第 ${PARAGRAPHS - 1} 段`);
    // Whole paragraphs, then the link (in the site's language, Chinese by default).
    expect(item.content_html).toMatch(/^(<p>第 \d+ 段：(很长的文章。){17}<\/p>\n)+<p><a href="https:\/\/example\.com\/articles\/long-article">阅读全文 →<\/a><\/p>$/);
    const rss = await (await createWorkerHarness().fetch("/feed.xml?limit=100")).text();
    expect(rss).toContain('<a href="https://example.com/articles/long-article">阅读全文 →</a>');
  });
});
