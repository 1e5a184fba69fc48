import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { STYLE_SHEET, STYLE_SHEET_VERSION } from "../../../src/worker/assets/style-sheet";
import { clearKv, seedKv } from "../../support/seed-kv";
import { siteArticles } from "../../support/site-articles";
import { createWorkerHarness } from "../../support/worker-harness";
import { parseXmlStrictly } from "../feeds/parse-xml-strictly";

beforeEach(async () => {
  await clearKv(env.FEEDS);
  await seedKv(env.FEEDS, siteArticles(25));
});

describe("the stylesheet", () => {
  it("is served as CSS for a year under its versioned URL, with its hash as a strong ETag", async () => {
    const response = await createWorkerHarness().fetch(`/style.css?v=${STYLE_SHEET_VERSION}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("ETag")).toBe(`"${STYLE_SHEET_VERSION}"`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await response.text()).toBe(STYLE_SHEET);
  });

  it.each(["/style.css", "/style.css?v=0123456789abcdef"])("is cached only an hour at %s, which does not name this version", async (path) => {
    const response = await createWorkerHarness().fetch(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
  });

  it("answers 304 when If-None-Match names its version", async () => {
    const response = await createWorkerHarness().fetch("/style.css", { headers: { "If-None-Match": `W/"${STYLE_SHEET_VERSION}"` } });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe("");
  });

  it("sets CJK font stacks, a CJK line height and a dark scheme", () => {
    for (const font of ['"PingFang SC"', '"Hiragino Sans GB"', '"Noto Sans CJK SC"', '"Microsoft YaHei"']) expect(STYLE_SHEET).toContain(font);
    expect(STYLE_SHEET).toMatch(/font: 1rem\/1\.8 /);
    expect(STYLE_SHEET).toContain("@media (prefers-color-scheme: dark)");
  });
});

describe("the feed stylesheet", () => {
  it("is served at /feed.xsl as well-formed XSLT 1.0 with text/xsl and a strong ETag", async () => {
    const response = await createWorkerHarness().fetch("/feed.xsl");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/xsl; charset=utf-8");
    expect(response.headers.get("ETag")).toMatch(/^"[0-9a-f]{16}"$/);
    const root = parseXmlStrictly(await response.text());
    expect(root.name).toBe("xsl:stylesheet");
    expect(root.attributes.version).toBe("1.0");
  });

  it("links the pages' versioned stylesheet under the site's base", async () => {
    const xsl = await (await createWorkerHarness({ env: { SITE_URL: "https://news.example.org/feeds" } }).fetch("/feeds/feed.xsl")).text();
    expect(xsl).toContain(`<link rel="stylesheet" href="https://news.example.org/feeds/style.css?v=${STYLE_SHEET_VERSION}"/>`);
  });

  it("transforms both RSS and Atom, and says what a feed is and where to copy it from", async () => {
    const xsl = await (await createWorkerHarness().fetch("/feed.xsl")).text();
    expect(xsl).toContain('match="item"');
    expect(xsl).toContain('match="atom:entry"');
    expect(xsl).toContain("订阅源");
    expect(xsl).toContain('<code class="url"><xsl:value-of select="$self"/></code>');
    // Escaping is XSLT's: nothing may turn feed text back into markup.
    expect(xsl).not.toContain("disable-output-escaping");
    expect(xsl).not.toMatch(/<script|style=/);
  });

  it("is what the RSS and Atom feeds point at", async () => {
    const harness = createWorkerHarness();
    for (const path of ["/feed.xml", "/atom.xml", "/categories/%E9%87%91%E8%9E%8D/feed.xml"]) {
      const feed = await (await harness.fetch(path)).text();
      expect(feed.split("\n")[1]).toBe('<?xml-stylesheet type="text/xsl" href="https://example.com/feed.xsl"?>');
    }
  });
});

describe("feeds opened in a browser", () => {
  const navigation = { "Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

  it.each(["/feed.xml", "/atom.xml"])("labels %s application/xml for a browser's navigation, so the stylesheet applies", async (path) => {
    const harness = createWorkerHarness();
    const browser = await harness.fetch(path, { headers: navigation });
    expect(browser.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(browser.headers.get("Vary")).toBe("Sec-Fetch-Dest");
    const reader = await harness.fetch(path);
    expect(reader.headers.get("Content-Type")).toMatch(/^application\/(rss|atom)\+xml; charset=utf-8$/);
    expect(await browser.text()).toBe(await reader.text());
  });

  it("sends feeds without a Content-Security-Policy, which would stop the XSL in Chromium", async () => {
    // Chromium loads an xml-stylesheet XSLT under script-src, and its XSLT deprecation banner uses inline
    // style and an inline handler: a page-like CSP on a feed turns both into console errors.
    const response = await createWorkerHarness().fetch("/feed.xml", { headers: navigation });
    expect(response.headers.get("Content-Security-Policy")).toBeNull();
  });

  it("keeps the JSON Feed's media type for a browser", async () => {
    const response = await createWorkerHarness().fetch("/feed.json", { headers: navigation });
    expect(response.headers.get("Content-Type")).toBe("application/feed+json; charset=utf-8");
  });

  it("keeps the feed's media type for a script's fetch", async () => {
    const response = await createWorkerHarness().fetch("/feed.xml", { headers: { "Sec-Fetch-Dest": "empty" } });
    expect(response.headers.get("Content-Type")).toBe("application/rss+xml; charset=utf-8");
  });
});
