import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkFeedsWithFeedsmith } from "../../../scripts/e2e/check-feeds-with-feedsmith";

const golden = (name: string): string => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), "utf8");
const SCOPE = "http://127.0.0.1:8787/categories/a/";

/** A site that serves `documents` (path and query → body) and answers 404 to anything else, counting each read. */
function siteServing(documents: Record<string, string>): { read: (url: string) => Promise<string>; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (url) => {
      reads.push(url);
      const { pathname, search } = new URL(url);
      const body = documents[`${pathname}${search}`];
      if (body === undefined) throw new Error(`answered 404: no ${pathname}`);
      return body;
    },
  };
}

const HEAD = { "/categories/a/feed.xml": golden("head.feed.xml"), "/categories/a/atom.xml": golden("head.atom.xml"), "/categories/a/feed.json": golden("head.feed.json") };

describe("checkFeedsWithFeedsmith", () => {
  it("parses every feed and each JSON Feed's RSS and Atom of the same page once, and finds nothing wrong with the golden feeds", async () => {
    const site = siteServing({
      "/opml.xml": golden("subscriptions.opml"),
      ...HEAD,
      "/categories/a/feed.xml?page=x": golden("archive-1.feed.xml"),
      "/categories/a/atom.xml?page=x": golden("archive-1.atom.xml"),
      "/categories/a/feed.json?page=x": golden("archive-1.feed.json"),
    });
    const urls = ["http://127.0.0.1:8787/opml.xml", `${SCOPE}feed.xml`, `${SCOPE}feed.json`, `${SCOPE}feed.json?page=x`];
    const check = await checkFeedsWithFeedsmith(urls, site.read);
    expect(check.problems).toEqual([]);
    expect(check.parsed).toEqual({
      opml: ["http://127.0.0.1:8787/opml.xml"],
      rss: [`${SCOPE}feed.xml`, `${SCOPE}feed.xml?page=x`],
      atom: [`${SCOPE}atom.xml`, `${SCOPE}atom.xml?page=x`],
      json: [`${SCOPE}feed.json`, `${SCOPE}feed.json?page=x`],
    });
    expect(new Set(site.reads).size).toBe(site.reads.length);
  });

  it("reports a JSON Feed whose items are not its RSS's: another count, or another id", async () => {
    const json = JSON.parse(golden("head.feed.json")) as { items: { id: string }[] };
    const fewer = { ...json, items: json.items.slice(1) };
    const renamed = { ...json, items: json.items.map((item, index) => (index === 2 ? { ...item, id: "tag:elsewhere,2026:3" } : item)) };
    const site = siteServing({ ...HEAD, "/categories/a/feed.json": JSON.stringify(fewer), "/categories/b/feed.json": JSON.stringify(renamed), "/categories/b/feed.xml": HEAD["/categories/a/feed.xml"], "/categories/b/atom.xml": HEAD["/categories/a/atom.xml"] });
    const { problems } = await checkFeedsWithFeedsmith([`${SCOPE}feed.json`, "http://127.0.0.1:8787/categories/b/feed.json"], site.read);
    expect(problems).toEqual([
      `${SCOPE}feed.json: has 19 items, ${SCOPE}feed.xml has 20`,
      `${SCOPE}feed.json: has 19 items, ${SCOPE}atom.xml has 20`,
      `http://127.0.0.1:8787/categories/b/feed.json: item 3 has the id tag:elsewhere,2026:3, http://127.0.0.1:8787/categories/b/feed.xml has ${json.items[2]!.id}`,
      `http://127.0.0.1:8787/categories/b/feed.json: item 3 has the id tag:elsewhere,2026:3, http://127.0.0.1:8787/categories/b/atom.xml has ${json.items[2]!.id}`,
    ]);
  });

  it("reports a feed feedsmith cannot parse, a sibling that does not answer, and a URL that names no format", async () => {
    const site = siteServing({ "/categories/a/feed.json": "{ not json", "/categories/c/feed.json": golden("head.feed.json") });
    const { problems } = await checkFeedsWithFeedsmith([`${SCOPE}feed.json`, "http://127.0.0.1:8787/categories/c/feed.json", `${SCOPE}feed.rdf`], site.read);
    expect(problems).toEqual([
      `${SCOPE}feed.json: feedsmith: Unrecognized feed format`,
      "http://127.0.0.1:8787/categories/c/feed.xml: answered 404: no /categories/c/feed.xml",
      "http://127.0.0.1:8787/categories/c/atom.xml: answered 404: no /categories/c/atom.xml",
      `${SCOPE}feed.rdf: names no feed format (feed.xml, atom.xml, feed.json)`,
    ]);
  });
});
