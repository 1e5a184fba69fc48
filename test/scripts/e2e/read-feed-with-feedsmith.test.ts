import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readFeedWithFeedsmith, readOpmlWithFeedsmith } from "../../../scripts/e2e/read-feed-with-feedsmith";

const golden = (name: string): string => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), "utf8");

const JSON_FEED = {
  version: "https://jsonfeed.org/version/1.1",
  title: "edgefeed",
  home_page_url: "https://site.example/",
  feed_url: "https://site.example/feed.json",
  items: [
    { id: "https://site.example/articles/1", url: "https://site.example/articles/1", title: "One", content_html: "<p>1</p>", date_published: "2021-06-11T04:19:02Z" },
    { id: "https://site.example/articles/2", url: "https://site.example/articles/2", title: "Two", content_text: "2", date_published: "2021-06-11T04:20:02Z" },
  ],
};

describe("readFeedWithFeedsmith", () => {
  it.each(["head", "archive-1", "open-page", "site-limit-100"])("reads the %s golden feed in all three formats with no problem and the same ids", (name) => {
    const rss = readFeedWithFeedsmith(golden(`${name}.feed.xml`), "rss");
    const atom = readFeedWithFeedsmith(golden(`${name}.atom.xml`), "atom");
    const json = readFeedWithFeedsmith(golden(`${name}.feed.json`), "json");
    expect([rss.problems, atom.problems, json.problems]).toEqual([[], [], []]);
    expect(json.ids.length).toBeGreaterThan(0);
    expect(rss.ids).toEqual(json.ids);
    expect(atom.ids).toEqual(json.ids);
  });

  it("reads a JSON Feed's item ids in document order", () => {
    expect(readFeedWithFeedsmith(JSON.stringify(JSON_FEED), "json")).toEqual({ recognized: true, ids: ["https://site.example/articles/1", "https://site.example/articles/2"], problems: [] });
  });

  it("reports a JSON Feed that is not JSON, and one feedsmith does not recognize as a feed", () => {
    expect(readFeedWithFeedsmith(JSON.stringify(JSON_FEED).slice(0, -2), "json").problems).toEqual(["feedsmith: Unrecognized feed format"]);
    expect(readFeedWithFeedsmith(JSON.stringify({ version: "1.1", items: [] }), "json").problems).toEqual(["feedsmith: Unrecognized feed format"]);
  });

  it("reports the fields of a JSON Feed item feedsmith could not read", () => {
    const broken = { ...JSON_FEED, items: [{ ...JSON_FEED.items[0], id: "" }, { id: "https://site.example/articles/2", url: "https://site.example/articles/2", title: "Two" }] };
    expect(readFeedWithFeedsmith(JSON.stringify(broken), "json").problems).toEqual([
      "feedsmith: item 1 has no id",
      "feedsmith: item 2 (https://site.example/articles/2) has no date_published, content_html or content_text",
    ]);
  });

  it("reports a document of another format than its URL says", () => {
    expect(readFeedWithFeedsmith(golden("head.atom.xml"), "rss").problems).toEqual(["feedsmith: read a atom feed, expected rss"]);
  });

  it("reports an RSS item without a guid and a channel without a link", () => {
    const rss = golden("head.feed.xml").replace(/<link>[^<]*<\/link>/, "").replace(/<guid[^>]*>[^<]*<\/guid>/, "");
    expect(readFeedWithFeedsmith(rss, "rss").problems).toEqual(["feedsmith: the feed has no link", "feedsmith: item 1 has no guid"]);
  });

  it("reports an Atom entry without an author in a feed without one (RFC 4287 §4.1.1)", () => {
    const atom = golden("head.atom.xml").replaceAll(/<author>.*?<\/author>/gs, "");
    const { problems } = readFeedWithFeedsmith(atom, "atom");
    expect(problems.length).toBe(20);
    expect(problems[0]).toBe("feedsmith: entry 1 (https://news.example.com/articles/8f6629c53df7089d) has no author, nor has the feed");
  });
});

describe("readOpmlWithFeedsmith", () => {
  it("reads every subscription's xmlUrl of the golden OPML", () => {
    expect(readOpmlWithFeedsmith(golden("subscriptions.opml"))).toEqual({
      xmlUrls: ["https://news.example.com/feed.xml", "https://news.example.com/categories/%E9%87%91%E8%9E%8D/feed.xml?limit=50&x=1"],
      problems: [],
    });
  });

  it("reports a subscription without an xmlUrl and a list without a title", () => {
    const opml = golden("subscriptions.opml").replace(/<title>[^<]*<\/title>/, "").replace(/ xmlUrl="[^"]*"/, "");
    expect(readOpmlWithFeedsmith(opml).problems).toEqual(["feedsmith: the OPML head has no title", "feedsmith: outline 1 has no text or xmlUrl"]);
  });
});
