import { describe, expect, it } from "vitest";
import type { HtmlNode } from "../../../src/builder/html/html-node";
import { sanitizeFragment, sanitizeHtml } from "../../../src/builder/html/sanitize-html";
import { findActiveContent } from "./find-active-content";
import { XSS_VECTORS } from "./xss-vectors";


describe("sanitizeHtml against XSS vectors", () => {
  it("has at least thirty vectors", () => {
    expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(30);
  });
  for (const vector of XSS_VECTORS) {
    it(`leaves no active content in ${JSON.stringify(vector).slice(0, 90)}`, () => {
      expect(findActiveContent(sanitizeHtml(vector))).toEqual([]);
    });
  }
  it("flags the raw vectors, so the check itself can fail", () => {
    const unflagged = XSS_VECTORS.filter((vector) => findActiveContent(vector).length === 0);
    expect(unflagged).toEqual([]);
  });
});

describe("sanitizeHtml", () => {
  const cases: { name: string; input: string; expected: string }[] = [
    { name: "keeps allowed markup as it is", input: "<p>a <strong>b</strong> <em>c</em></p>", expected: "<p>a <strong>b</strong> <em>c</em></p>" },
    { name: "escapes &, < and > in text", input: "<p>a &amp; b &lt; c > d</p>", expected: "<p>a &amp; b &lt; c &gt; d</p>" },
    {
      name: "escapes quotes and markup characters in attributes",
      input: "<img src=\"https://x.example/a.png?a=1&amp;b=2\" alt='\"q\" <x> & y'>",
      expected: '<img src="https://x.example/a.png?a=1&amp;b=2" alt="&quot;q&quot; &lt;x&gt; &amp; y" />',
    },
    { name: "closes void elements the XML way", input: "a<br>b<hr>", expected: "a<br />b<hr />" },
    { name: "closes unclosed elements", input: "<p><b>x", expected: "<p><b>x</b></p>" },
    { name: "lowercases tag and attribute names", input: '<P TITLE="t"><A HREF="https://x.example/">x</A></P>', expected: '<p title="t"><a href="https://x.example/">x</a></p>' },
    { name: "keeps the text of unknown elements", input: "<custom-x><section>t</section></custom-x>", expected: "t" },
    { name: "keeps mailto: in a link's href", input: '<a href="mailto:a@example.com">mail</a>', expected: '<a href="mailto:a@example.com">mail</a>' },
    { name: "drops an image whose source is mailto:", input: '<img src="mailto:a@example.com">', expected: "" },
    { name: "drops a relative URL", input: '<a href="/x">x</a>', expected: "<a>x</a>" },
    { name: "drops a link's target", input: '<a href="https://x.example/" target="_blank">x</a>', expected: '<a href="https://x.example/">x</a>' },
    {
      name: "keeps images' loading, referrer policy and size in a fixed order",
      input: '<img loading="lazy" referrerpolicy="no-referrer" src="https://n.sinaimg.cn/a.png" height="2" width="1" alt="">',
      expected: '<img src="https://n.sinaimg.cn/a.png" alt="" width="1" height="2" loading="lazy" referrerpolicy="no-referrer" />',
    },
    { name: "drops attribute values outside their pattern", input: '<img src="https://x.example/a.png" width="100%" loading="eventually" dir="sideways">', expected: '<img src="https://x.example/a.png" />' },
    { name: "keeps the first of duplicate attributes", input: '<a href="https://a.example/" HREF="https://b.example/">x</a>', expected: '<a href="https://a.example/">x</a>' },
    { name: "removes characters XML 1.0 forbids from text and attributes", input: '<p title="a\u0001b\uFFFE">c\u0008d\uFFFFe\u000Bf</p>', expected: '<p title="ab">cdef</p>' },
    { name: "removes lone surrogates but keeps pairs", input: "<p>\uD800a\uDFFF\uD83D\uDE00</p>", expected: "<p>a\uD83D\uDE00</p>" },
    { name: "normalizes text to NFC", input: "<p>e\u0301</p>", expected: "<p>\u00E9</p>" },
    { name: "writes a combining long solidus after a tag as a reference, so NFC cannot fuse it with the >", input: "<p>\u0338a</p>", expected: "<p>&#x338;a</p>" },
    // Found by the idempotency property: only a leading one was escaped, and a second pass saw two text nodes.
    { name: "writes every combining long solidus as a reference, so sanitizing again gives the same bytes", input: "\u0338\u0338", expected: "&#x338;&#x338;" },
    { name: "drops comments", input: "<p>a<!-- b --></p>", expected: "<p>a</p>" },
    { name: "keeps tables with their spans", input: '<table><tr><td colspan="2" style="x">a</td></tr></table>', expected: '<table><tr><td colspan="2">a</td></tr></table>' },
    { name: "writes a paragraph holding a block as a div", input: "<p>a<span><div>b</div></span></p>", expected: "<div>a<span><div>b</div></span></div>" },
    { name: "unwraps a table cell inside a cell", input: "<table><tr><td>a<b><td>b</td></b></td></tr></table>", expected: "<table><tr><td>a<b>b</b></td></tr></table>" },
    { name: "unwraps a link inside a link", input: '<a href="https://a.example/">a<i><a href="https://b.example/">b</a></i></a>', expected: '<a href="https://a.example/">a<i>b</i></a>' },
    { name: "keeps figures", input: '<figure><img src="https://x.example/a.png"><figcaption>c</figcaption></figure>', expected: '<figure><img src="https://x.example/a.png" /><figcaption>c</figcaption></figure>' },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      expect(sanitizeHtml(input)).toBe(expected);
    });
  }

  it("treats elements and attributes named like Object.prototype's members as unknown: unwrapped and dropped", () => {
    expect(sanitizeHtml("<p>a<constructor>b</constructor>c</p>")).toBe("<p>abc</p>");
    expect(sanitizeHtml('<p constructor="x" tostring="y" __proto__="z">t</p>')).toBe("<p>t</p>");
    expect(sanitizeHtml("<ul><li>a<constructor>b</constructor></li><li>c</li></ul>")).toBe("<ul><li>ab</li><li>c</li></ul>");
  });

  it("throws a clear error for input that is not a string", () => {
    expect(() => sanitizeHtml(undefined as unknown as string)).toThrow(/cannot sanitize the HTML body/);
  });

  it("fails closed with a clear error when the tree cannot be walked", () => {
    const broken = {
      get firstChild(): HtmlNode {
        throw new Error("boom");
      },
    } as unknown as HtmlNode;
    expect(() => sanitizeFragment(broken)).toThrow("cannot sanitize the HTML body: boom");
  });
});
