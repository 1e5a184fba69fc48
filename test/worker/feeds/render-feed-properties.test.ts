import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Article } from "../../../src/model/article";
import type { HeadPage } from "../../../src/model/feed-page";
import type { Scope } from "../../../src/model/scope";
import { buildFeedDocument } from "../../../src/worker/feeds/build-feed-document";
import type { FeedDocument } from "../../../src/worker/feeds/feed-document";
import { renderAtom } from "../../../src/worker/feeds/render-atom";
import { renderJsonFeed } from "../../../src/worker/feeds/render-json-feed";
import { renderRss } from "../../../src/worker/feeds/render-rss";
import { originOnlyConfig, publicConfig } from "./feed-fixtures";
import { findAll, parseXmlStrictly, type XmlElement } from "./parse-xml-strictly";

/** The text a conforming reader gets back: what XML 1.0 can carry. */
function carried(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
}

// Strings a renderer must survive: any code points (lone surrogates and C0 controls included) mixed with
// the pieces that break naive XML and HTML escaping.
const hostileText = fc
  .array(fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom("&", "<", ">", "]]>", '"', "'", "&amp;", "<b>x</b>", "\r\n", "\u0000", "\uD800", "🚀", "金融", "&#x26;")), { maxLength: 6 })
  .map((parts) => parts.join(""));
const name = hostileText.filter((text) => text.trim() !== "");
const date = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-01-01T00:00:00Z"), noInvalidDate: true }).map((value) => value.toISOString());

const article: fc.Arbitrary<Article> = fc.record(
  {
    id: fc.stringMatching(/^[0-9a-f]{16}$/),
    title: hostileText,
    published: date,
    updated: date,
    author: name,
    categories: fc.array(fc.array(name, { minLength: 1, maxLength: 3 }), { maxLength: 2 }),
    tags: fc.array(name, { maxLength: 3 }),
    image: fc.record({ url: fc.constant("https://n.sinaimg.cn/a.png?x=1&y=<2>"), type: fc.constantFrom("image/png", "image/jpeg") }, { requiredKeys: ["url"] }),
    summary: hostileText,
    contentHtml: hostileText,
  },
  { requiredKeys: ["id", "title", "published", "updated", "categories", "tags", "summary", "contentHtml"] },
);
const articles = fc.uniqueArray(article, { minLength: 1, maxLength: 5, selector: (candidate) => candidate.id });
// Scope names come from articles, which the build keeps free of what XML forbids (see Article); a lone
// surrogate could not be percent-encoded into the scope's path at all.
const scopeName = name.map((text) => carried(text)).filter((text) => text.trim() !== "");
const scope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constant({ kind: "site" as const }),
  fc.record({ kind: fc.constant("category" as const), path: fc.array(scopeName, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("tag" as const), name: scopeName }),
);

/** Undoes the HTML escaping of plain text sent as HTML (`type="html"`, or an RSS title that looks like markup). */
function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#13);/g, (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#13": "\r" })[entity]!);
}

function documentOf(items: Article[], scopeValue: Scope, origin = "https://edgefeed.example.workers.dev", withSiteUrl = true): FeedDocument {
  const page: HeadPage = { kind: "head", items };
  const config = withSiteUrl ? publicConfig() : originOnlyConfig();
  return buildFeedDocument({ config, origin, scope: scopeValue, page, limit: 20, format: "rss" });
}

function expectAbsolute(url: string): void {
  expect(url).toMatch(/^https?:\/\/[^\s/]+/);
  expect(() => new URL(url)).not.toThrow();
}

function xmlUrls(root: XmlElement, linkTexts: string[]): string[] {
  const urls: string[] = [];
  const visit = (element: XmlElement): void => {
    for (const [attribute, value] of Object.entries(element.attributes)) {
      if (attribute === "href" || attribute === "url") urls.push(value);
    }
    if (linkTexts.includes(element.name)) urls.push(element.text);
    element.children.forEach(visit);
  };
  visit(root);
  return urls;
}

describe("feed renderers on hostile input", () => {
  it("write well-formed RSS whose text reads back as the articles' text", () => {
    fc.assert(
      fc.property(articles, scope, (items, scopeValue) => {
        const rss = parseXmlStrictly(renderRss(documentOf(items, scopeValue)));
        const rendered = findAll(rss, "item");
        expect(rendered).toHaveLength(items.length);
        rendered.forEach((element, index) => {
          const source = items[index]!;
          const child = (childName: string) => element.children.find((candidate) => candidate.name === childName)!;
          expect(child("content:encoded").text).toBe(carried(source.contentHtml));
          expect(unescapeHtml(child("description").text)).toBe(carried(source.summary));
          const title = child("title").text;
          expect(title === carried(source.title) || unescapeHtml(title) === carried(source.title)).toBe(true);
        });
        for (const url of xmlUrls(rss, ["link"])) expectAbsolute(url);
      }),
      { numRuns: 150 },
    );
  });

  it("write well-formed Atom whose text constructs read back as the articles' text", () => {
    fc.assert(
      fc.property(articles, scope, (items, scopeValue) => {
        const atom = parseXmlStrictly(renderAtom(documentOf(items, scopeValue)));
        const entries = findAll(atom, "entry");
        expect(entries).toHaveLength(items.length);
        const textOf = (element: XmlElement) => (element.attributes.type === "html" ? unescapeHtml(element.text) : element.text);
        entries.forEach((element, index) => {
          const source = items[index]!;
          const child = (childName: string) => element.children.find((candidate) => candidate.name === childName);
          expect(child("content")!.text).toBe(carried(source.contentHtml));
          expect(textOf(child("title")!)).toBe(carried(source.title));
          expect(child("summary") === undefined ? "" : textOf(child("summary")!)).toBe(carried(source.summary));
        });
        for (const url of xmlUrls(atom, [])) expectAbsolute(url);
      }),
      { numRuns: 150 },
    );
  });

  it("write JSON Feed that parses back to the articles' text exactly", () => {
    fc.assert(
      fc.property(articles, scope, (items, scopeValue) => {
        const feed = JSON.parse(renderJsonFeed(documentOf(items, scopeValue)));
        expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
        for (const url of [feed.home_page_url, feed.feed_url]) expectAbsolute(url);
        feed.items.forEach((item: Record<string, unknown>, index: number) => {
          const source = items[index]!;
          expect(item.title).toBe(source.title);
          expect(item.content_html).toBe(source.contentHtml);
          expectAbsolute(item.url as string);
          if (item.image !== undefined) expectAbsolute(item.image as string);
          expect(typeof item.id).toBe("string");
        });
      }),
      { numRuns: 150 },
    );
  });

  it("give the same ids from every origin under SITE_ID when no site URL is set, and links from the origin", () => {
    const underSiteId = (items: Article[], scopeValue: Scope, origin: string): FeedDocument =>
      buildFeedDocument({ config: { ...originOnlyConfig(), siteId: "news.example.com,2026" }, origin, scope: scopeValue, page: { kind: "head", items }, limit: 20, format: "rss" });
    fc.assert(
      fc.property(articles, scope, (items, scopeValue) => {
        const first = underSiteId(items, scopeValue, "https://a.example.workers.dev");
        const second = underSiteId(items, scopeValue, "http://localhost:8787");
        const ids = (xml: string) => findAll(parseXmlStrictly(xml), "guid").map((guid) => guid.text);
        expect(ids(renderRss(second))).toEqual(ids(renderRss(first)));
        const atomIds = (xml: string) => findAll(parseXmlStrictly(xml), "id").map((id) => id.text);
        expect(atomIds(renderAtom(second))).toEqual(atomIds(renderAtom(first)));
        expect(atomIds(renderAtom(first)).every((id) => id.startsWith("tag:news.example.com,2026:"))).toBe(true);
        expect(renderAtom(first)).toContain("https://a.example.workers.dev/");
        expect(renderAtom(second)).not.toContain("https://a.example.workers.dev/");
      }),
      { numRuns: 50 },
    );
  });

  it("give ids under the request's host when neither SITE_URL nor SITE_ID is set, so two deployments never share one", () => {
    fc.assert(
      fc.property(articles, scope, (items, scopeValue) => {
        const atomIds = (document: FeedDocument) => findAll(parseXmlStrictly(renderAtom(document)), "id").map((id) => id.text);
        const first = atomIds(documentOf(items, scopeValue, "https://a.example.workers.dev", false));
        const second = atomIds(documentOf(items, scopeValue, "https://b.example.workers.dev", false));
        expect(first.every((id) => id.startsWith("tag:a.example.workers.dev,2026:"))).toBe(true);
        expect(second.every((id) => id.startsWith("tag:b.example.workers.dev,2026:"))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
