import { describe, expect, it } from "vitest";
import {
  readArticlePageLinks,
  readAutodiscoveryLinks,
  readNextLink,
  readOpmlOutlines,
  readScopePageLinks,
} from "../../../scripts/e2e/read-site-links";

const PAGE = "http://127.0.0.1:8787/categories/%E9%87%91%E8%9E%8D/";

describe("readOpmlOutlines", () => {
  it("reads every outline's text, type, xmlUrl and htmlUrl, entities decoded", () => {
    const opml = `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>edgefeed</title></head><body>
<outline type="rss" text="edgefeed" xmlUrl="http://x/feed.xml" htmlUrl="http://x/"/>
<outline type="rss" text="A &amp; B" xmlUrl="http://x/tags/a/feed.xml?limit=5&amp;page=1" htmlUrl="http://x/tags/a/"/>
<outline text="folder"/>
</body></opml>`;
    expect(readOpmlOutlines(opml)).toEqual([
      { text: "edgefeed", type: "rss", xmlUrl: "http://x/feed.xml", htmlUrl: "http://x/" },
      { text: "A & B", type: "rss", xmlUrl: "http://x/tags/a/feed.xml?limit=5&page=1", htmlUrl: "http://x/tags/a/" },
      { text: "folder", type: "", xmlUrl: "", htmlUrl: "" },
    ]);
  });
});

describe("readAutodiscoveryLinks", () => {
  it("keeps alternate links of the three feed types, decoded and resolved against the page, and skips the rest", () => {
    const html = `<!doctype html><html><head>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" href="feed.xml?limit=100&amp;x=1">
<link rel="alternate" type="application/atom+xml" href="/atom.xml">
<link rel="Alternate" type="application/feed+json; charset=utf-8" href="http://127.0.0.1:8787/feed.json">
<link rel="alternate" type="text/html" hreflang="en" href="/en/">
<link rel="canonical" type="application/rss+xml" href="/not-alternate.xml">
</head><body><a rel="alternate" type="application/rss+xml" href="/anchor.xml">RSS</a></body></html>`;
    expect(readAutodiscoveryLinks(html, PAGE)).toEqual([
      { type: "application/rss+xml", url: `${PAGE}feed.xml?limit=100&x=1` },
      { type: "application/atom+xml", url: "http://127.0.0.1:8787/atom.xml" },
      { type: "application/feed+json", url: "http://127.0.0.1:8787/feed.json" },
    ]);
  });
});

describe("readScopePageLinks and readArticlePageLinks", () => {
  const html = `<ul>
<li><a href="http://127.0.0.1:8787/categories/%E9%87%91%E8%9E%8D/">金融</a>
<a href="http://127.0.0.1:8787/categories/%E9%87%91%E8%9E%8D/feed.xml">RSS</a></li>
<li><a href="/categories/a/b/#top">b</a><a href="/categories/a/b/">b again</a><a href="/categories/a/?page=2">page 2</a></li>
<li><a href="/tags/x/">x</a><a href="https://elsewhere.example/categories/y/">elsewhere</a></li>
<li><a href="/authors/Zo%C3%AB/">Zoë</a><a href="/authors/Zo%C3%AB/atom.xml">Atom</a></li>
<li><a href="/articles/8f6629c53df7089d">article</a><a href="/articles/">none</a><a href="https://elsewhere.example/articles/1">elsewhere</a></li>
</ul>`;
  it("lists each same-origin category, tag and author page once, without feeds, queries or fragments", () => {
    expect(readScopePageLinks(html, PAGE)).toEqual([
      "http://127.0.0.1:8787/categories/%E9%87%91%E8%9E%8D/",
      "http://127.0.0.1:8787/categories/a/b/",
      "http://127.0.0.1:8787/tags/x/",
      "http://127.0.0.1:8787/authors/Zo%C3%AB/",
    ]);
  });
  it("lists same-origin article pages", () => {
    expect(readArticlePageLinks(html, PAGE)).toEqual(["http://127.0.0.1:8787/articles/8f6629c53df7089d"]);
  });
});

describe("readNextLink", () => {
  const cases: { name: string; body: string; next: string | undefined }[] = [
    {
      name: "RSS: the channel's atom:link rel=next, &amp; decoded",
      body: `<rss><channel><atom:link href="http://x/feed.xml" rel="self"/><atom:link href="http://x/feed.xml?page=2&amp;a=b" rel="next"/><item><atom:link rel="next" href="http://x/wrong"/></item></channel></rss>`,
      next: "http://x/feed.xml?page=2&a=b",
    },
    {
      name: "Atom: the feed's link rel=next, not an entry's",
      body: `<feed><link rel="self" href="http://x/atom.xml"/><link rel="next" type="application/atom+xml" href="http://x/atom.xml?page=49"/><entry><link rel="next" href="http://x/wrong"/></entry></feed>`,
      next: "http://x/atom.xml?page=49",
    },
    { name: "Atom: an entry's next link only", body: `<feed><entry><link rel="next" href="http://x/wrong"/></entry></feed>`, next: undefined },
    { name: "JSON Feed: next_url", body: `{"version":"https://jsonfeed.org/version/1.1","next_url":"http://x/feed.json?page=3","items":[]}`, next: "http://x/feed.json?page=3" },
    { name: "JSON Feed without next_url", body: `{"version":"https://jsonfeed.org/version/1.1","items":[]}`, next: undefined },
  ];
  it.each(cases)("$name", ({ body, next }) => {
    expect(readNextLink(body, "http://x/")).toBe(next);
  });
});
