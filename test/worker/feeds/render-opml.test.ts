import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderOpml, type OpmlInput } from "../../../src/worker/feeds/render-opml";
import { matchGolden } from "../../support/match-golden";
import { findAll, parseXmlStrictly } from "./parse-xml-strictly";

const GOLDEN = fileURLToPath(new URL("../../fixtures/feeds/subscriptions.opml", import.meta.url));

function subscriptions(): OpmlInput {
  return {
    title: "边缘 & 新闻 <feeds>",
    dateCreated: "2021-06-12T08:00:00Z",
    feeds: [
      { title: "边缘 & 新闻", xmlUrl: "https://news.example.com/feed.xml", htmlUrl: "https://news.example.com/", type: "rss" },
      {
        title: `金融 › "新浪财经" <'国內'>`,
        xmlUrl: "https://news.example.com/categories/%E9%87%91%E8%9E%8D/feed.xml?limit=50&x=1",
        htmlUrl: "https://news.example.com/categories/%E9%87%91%E8%9E%8D/",
        type: "rss",
      },
    ],
  };
}

describe("renderOpml", () => {
  it("renders a subscription list byte for byte like its golden file", async () => {
    await matchGolden(renderOpml(subscriptions()), GOLDEN);
  });

  it("writes one well-formed rss outline per feed with its attributes intact", () => {
    const input = subscriptions();
    const opml = parseXmlStrictly(renderOpml(input));
    expect(opml.attributes.version).toBe("2.0");
    // Text with `<` goes out HTML-escaped: OPML 2.0 lets `text` hold encoded HTML.
    const unescapeHtml = (text: string) => text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
    expect(unescapeHtml(findAll(opml, "title")[0]!.text)).toBe(input.title);
    expect(findAll(opml, "dateCreated")[0]!.text).toBe("Sat, 12 Jun 2021 08:00:00 GMT");
    const outlines = findAll(opml, "outline");
    expect(outlines.map((outline) => outline.attributes)).toEqual(
      [
        { type: "rss", text: "边缘 & 新闻", title: "边缘 & 新闻", xmlUrl: input.feeds[0]!.xmlUrl, htmlUrl: input.feeds[0]!.htmlUrl },
        {
          type: "rss",
          text: "金融 › &quot;新浪财经&quot; &lt;&#39;国內&#39;&gt;",
          title: "金融 › &quot;新浪财经&quot; &lt;&#39;国內&#39;&gt;",
          xmlUrl: "https://news.example.com/categories/%E9%87%91%E8%9E%8D/feed.xml?limit=50&x=1",
          htmlUrl: input.feeds[1]!.htmlUrl,
        },
      ],
    );
  });

  it("leaves dateCreated out when none is given", () => {
    const output = renderOpml({ ...subscriptions(), dateCreated: undefined });
    expect(output).not.toContain("dateCreated");
    expect(() => parseXmlStrictly(output)).not.toThrow();
  });
});
