import { describe, expect, it } from "vitest";
import { readFeedImageUrls, readPageImageUrls } from "../../../scripts/e2e/read-image-urls";

describe("readFeedImageUrls", () => {
  it("finds the images of RSS bodies (CDATA split or not) and media:content", () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"><channel><item>
<content:encoded><![CDATA[<p><img src="https://a.example/1.png" /> ]]]]><![CDATA[> <img src="/2.png?x=1&amp;y=2" /></p>]]></content:encoded>
<media:content url="https://a.example/lead.png?x=1&amp;y=2" medium="image"/></item></channel></rss>`;
    expect(readFeedImageUrls(rss, "https://site.example/feed.xml")).toEqual([
      { where: "content:encoded", url: "https://a.example/1.png" },
      { where: "content:encoded", url: "https://site.example/2.png?x=1&y=2" },
      { where: "media:content", url: "https://a.example/lead.png?x=1&y=2" },
    ]);
  });

  it("finds the images of Atom content and enclosures, not other links", () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link rel="self" href="https://site.example/atom.xml"/><entry>
<link rel="alternate" href="https://site.example/articles/1"/><content type="html">&lt;img src="https://a.example/1.png"&gt;</content>
<link rel="enclosure" type="image/png" href="https://a.example/lead.png"/></entry></feed>`;
    expect(readFeedImageUrls(atom, "https://site.example/atom.xml")).toEqual([
      { where: "content", url: "https://a.example/1.png" },
      { where: "enclosure", url: "https://a.example/lead.png" },
    ]);
  });

  it("finds the images of JSON Feed content_html and image", () => {
    const json = JSON.stringify({ version: "https://jsonfeed.org/version/1.1", items: [{ content_html: '<img src="https://a.example/1.png">', image: "https://a.example/lead.png" }, { content_html: "<p>none</p>" }] });
    expect(readFeedImageUrls(json, "https://site.example/feed.json")).toEqual([
      { where: "content_html", url: "https://a.example/1.png" },
      { where: "image", url: "https://a.example/lead.png" },
    ]);
  });
});

describe("readPageImageUrls", () => {
  it("finds every img of a page", () => {
    expect(readPageImageUrls('<html><body><figure><img src="/images/t/a.png"></figure><p><img src="https://a.example/b.png"></p></body></html>', "https://site.example/articles/1")).toEqual([
      { where: "img", url: "https://site.example/images/t/a.png" },
      { where: "img", url: "https://a.example/b.png" },
    ]);
  });
});
