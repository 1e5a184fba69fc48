import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/model/escape-html";
import { clearKv, seedKv } from "../../support/seed-kv";
import { makeArticle } from "../../support/make-article";
import { siteArticles } from "../../support/site-articles";
import { createWorkerHarness } from "../../support/worker-harness";

// What Chromium sends when a person opens a feed's URL.
const NAVIGATION = { "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const MARKUP_TITLE = "Q&A: <b>AT&T</b> &amp; 新浪";

beforeEach(async () => {
  await clearKv(env.FEEDS);
  const articles = siteArticles(150);
  articles[articles.length - 1] = makeArticle(150, { title: MARKUP_TITLE });
  await seedKv(env.FEEDS, articles);
});

describe("a feed opened in a browser", () => {
  it.each([
    { path: "/feed.xml", type: /^application\/rss\+xml; charset=utf-8$/, label: "RSS" },
    { path: "/atom.xml", type: /^application\/atom\+xml; charset=utf-8$/, label: "Atom" },
    { path: "/feed.json", type: /^application\/feed\+json; charset=utf-8$/, label: "JSON Feed" },
    { path: "/categories/%E9%87%91%E8%9E%8D/feed.xml", type: /^application\/rss\+xml; charset=utf-8$/, label: "RSS" },
    { path: "/tags/%E8%82%A1%E5%B8%82/atom.xml", type: /^application\/atom\+xml; charset=utf-8$/, label: "Atom" },
  ])("is an HTML page at $path, while readers keep the $label bytes", async ({ path, type, label }) => {
    const harness = createWorkerHarness();
    const before = await (await harness.fetch(path)).text();
    const browser = await harness.fetch(path, { headers: NAVIGATION });
    expect(browser.status).toBe(200);
    expect(browser.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(browser.headers.get("Vary")).toBe("Sec-Fetch-Dest");
    expect(browser.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const html = await browser.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain(`这是一个 ${label} 订阅源`);
    expect(html).toContain(`<code class="url">https://example.com${path}</code>`);
    expect(html).toContain(`href="https://feedly.com/i/subscription/feed/${encodeURIComponent(`https://example.com${path}`)}"`);
    expect(html.match(/<li><article>/g)).toHaveLength(20);
    expect(html).toContain('href="https://example.com/articles/');
    expect(html).not.toMatch(/<script/i);
    for (const headers of [{}, { "Sec-Fetch-Dest": "empty" }] as Record<string, string>[]) {
      const reader = await harness.fetch(path, { headers });
      expect(reader.headers.get("Content-Type")).toMatch(type);
      expect(reader.headers.get("Vary")).toBe("Sec-Fetch-Dest");
      expect(await reader.text()).toBe(before);
    }
  });

  it("shows a title that looks like markup as its text, escaped once", async () => {
    const html = await (await createWorkerHarness().fetch("/feed.xml", { headers: NAVIGATION })).text();
    expect(html).toContain(`>${escapeHtml(MARKUP_TITLE)}</a></h3>`);
    expect(html).not.toContain("&amp;amp;amp;");
    expect(html).not.toContain("&#x26;");
  });

  it("keeps the two representations apart in the cache and in the isolate's memory, with their own entity tags", async () => {
    const harness = createWorkerHarness({ cache: true, memory: true });
    const browser = { headers: NAVIGATION };
    const page = await harness.fetch("/feed.xml", browser);
    const feed = await harness.fetch("/feed.xml");
    expect(page.headers.get("ETag")).not.toBe(feed.headers.get("ETag"));
    expect((await harness.fetch("/feed.xml", browser)).headers.get("Content-Type")).toMatch(/^text\/html/);
    expect((await harness.fetch("/feed.xml")).headers.get("Content-Type")).toMatch(/^application\/rss\+xml/);
    expect(harness.renders).toHaveLength(2);
    // A browser revalidating its page gets a 304 with Vary; the reader's tag does not validate the page.
    const revalidated = await harness.fetch("/feed.xml", { headers: { ...NAVIGATION, "If-None-Match": page.headers.get("ETag")! } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get("Vary")).toBe("Sec-Fetch-Dest");
    expect((await harness.fetch("/feed.xml", { headers: { ...NAVIGATION, "If-None-Match": feed.headers.get("ETag")! } })).status).toBe(200);
  });

  it("reads what the feed reads: current and one page", async () => {
    const harness = createWorkerHarness();
    await harness.fetch("/atom.xml");
    harness.reset();
    await harness.fetch("/feed.xml");
    const readerReads = harness.reads;
    harness.reset();
    await harness.fetch("/feed.json", { headers: NAVIGATION });
    expect(harness.reads).toEqual(readerReads);
  });

  it("shows older pages' items, the subscription URL to copy and links to older and newer pages", async () => {
    const harness = createWorkerHarness();
    const feed = await (await harness.fetch("/feed.json")).json<{ next_url: string }>();
    const browse = async (url: string) => {
      const target = new URL(url);
      const response = await harness.fetch(`${target.pathname}${target.search}`, { headers: NAVIGATION });
      expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
      return response.text();
    };
    // The open page, then the newest archive below it, which links both ways.
    const open = await browse(feed.next_url);
    expect(open).toContain('<code class="url">https://example.com/feed.json</code>');
    const older = /<a rel="next" href="(https:\/\/example\.com\/feed\.json\?page=\d{8}T\d{6}Z)">/.exec(open)![1]!;
    const archive = await browse(older);
    expect(archive).toContain("这是一页较早的文章");
    expect(archive).toContain('<code class="url">https://example.com/feed.json</code>');
    expect(archive).toContain(`<a rel="prev" href="${feed.next_url}">`);
    expect(archive.match(/<li><article>/g)!.length).toBeGreaterThan(0);
  });

  it("keeps ?limit=", async () => {
    const html = await (await createWorkerHarness().fetch("/atom.xml?limit=3", { headers: NAVIGATION })).text();
    expect(html.match(/<li><article>/g)).toHaveLength(3);
    expect(html).toContain('<code class="url">https://example.com/atom.xml?limit=3</code>');
  });

  it("says what a feed is in English for a site in English", async () => {
    const html = await (await createWorkerHarness({ env: { SITE_LANGUAGE: "en" } }).fetch("/feed.xml", { headers: NAVIGATION })).text();
    expect(html).toContain("This is an RSS feed");
    expect(html).toContain('<html lang="en">');
  });
});

describe("the XSL stylesheet", () => {
  it("is gone: feeds carry no xml-stylesheet and /feed.xsl is a 404", async () => {
    const harness = createWorkerHarness();
    expect(await (await harness.fetch("/feed.xml")).text()).not.toContain("xml-stylesheet");
    expect((await harness.fetch("/feed.xsl")).status).toBe(404);
  });
});
