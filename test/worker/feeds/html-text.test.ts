import { describe, expect, it } from "vitest";
import { htmlText } from "../../../src/worker/feeds/html-text";

describe("htmlText", () => {
  it.each([
    { html: "<p>新浪财经</p>", text: "\n新浪财经\n", why: "a paragraph" },
    { html: "<p><b>新浪</b>财经</p>", text: "\n新浪财经\n", why: "inline elements vanish" },
    { html: "<p>上海</p><p>银行</p>", text: "\n上海\n\n银行\n", why: "blocks break the text" },
    { html: "a<br />b", text: "a\nb", why: "a line break" },
    { html: "<TD>x</TD><td>y</td>", text: "\nx\n\ny\n", why: "tag names in any case" },
    { html: '<p><img src="https://n.sinaimg.cn/x.png" alt="图片 alt" /></p>', text: "\n\n\n", why: "attribute values are not text" },
    { html: '<a href="https://example.com/?a=1&amp;b=2">link</a>', text: "link", why: "a link is its words" },
    { html: "R&amp;D &lt;b&gt; &quot;q&quot; &#x338; &#20013; &nbsp; &bogus;", text: 'R&D <b> "q" \u0338 中 \u00a0 &bogus;', why: "references" },
    { html: "&#xD800; &#x110000;", text: "&#xD800; &#x110000;", why: "references to no character stay" },
    { html: "no tags at all", text: "no tags at all", why: "plain text" },
    { html: "a <unclosed", text: "a <unclosed", why: "a < without its > is text" },
  ])("reads $why", ({ html, text }) => {
    expect(htmlText(html)).toBe(text);
  });
});
