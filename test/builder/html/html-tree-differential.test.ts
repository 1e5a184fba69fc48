import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import { cleanAndSanitizeHtml, prepareParsedBody } from "../../../src/builder/html/clean-and-sanitize-html";
import type { CleanOptions } from "../../../src/builder/html/clean-article-fragment";
import { ELEMENT_NODE, type HtmlElement, type HtmlNode } from "../../../src/builder/html/html-node";
import { parseHtmlFragment } from "../../../src/builder/html/parse-html-fragment";
import { parseHtmlTree } from "../../../src/builder/html/parse-html-tree";
import { sanitizeFragment } from "../../../src/builder/html/sanitize-html";
import { summarizeFragment } from "../../../src/builder/html/summarize";
import { readFrontMatter } from "../../../src/builder/post/read-front-matter";
import { findActiveContent } from "./find-active-content";
import { htmlish } from "./htmlish-input";
import { XSS_VECTORS } from "./xss-vectors";

// The build parses post bodies into its own tree (parseHtmlTree) instead of linkedom's DOM. The reference
// here is the linkedom path it replaced: parseHtmlFragment, then the same cleaner, sanitizer and summary.
// Every body must give the same tree, node for node, and the same published bytes under every site's rules.

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));

/** Every node as the cleaner reads it: type, name, attributes through getAttribute, text. */
function describeTree(node: HtmlNode, lines: string[] = [], depth = 0): string[] {
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) {
      const element = child as HtmlElement;
      const attributes = element.getAttributeNames().map((name) => `${name}=${JSON.stringify(element.getAttribute(name))}`);
      lines.push(`${" ".repeat(depth)}<${element.localName} ${attributes.join(" ")}> class=${JSON.stringify(element.getAttribute("class"))} text=${JSON.stringify(element.textContent)}`);
      describeTree(element, lines, depth + 1);
    } else {
      lines.push(`${" ".repeat(depth)}#${child.nodeType} ${JSON.stringify(child.nodeValue)}`);
    }
  }
  return lines;
}

const RULE_OPTIONS: { name: string; options: CleanOptions }[] = [
  { name: "generic", options: {} },
  { name: "sina", options: { sourceSite: "sina" } },
  { name: "a source URL", options: { sourceUrl: "https://finance.sina.com.cn/china/2021-06-11/doc.shtml" } },
];

/** What a call gave: its value, or the message it threw. */
function outcome<T>(run: () => T): { value: T } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Asserts that both parsers give the same tree and that cleaning, sanitizing and summarizing it gives the same. */
function expectSameAsLinkedom(html: string): void {
  expect(describeTree(parseHtmlTree(html))).toEqual(describeTree(parseHtmlFragment(html)));
  expect(sanitizeFragment(parseHtmlTree(html))).toBe(sanitizeFragment(parseHtmlFragment(html)));
  expect(summarizeFragment(parseHtmlTree(html), [/^原标题/])).toBe(summarizeFragment(parseHtmlFragment(html), [/^原标题/]));
  for (const { options } of RULE_OPTIONS) {
    const tree = parseHtmlTree(html);
    const linkedom = parseHtmlFragment(html);
    const fromLinkedom = outcome(() => prepareParsedBody(linkedom, options));
    const fromTree = outcome(() => prepareParsedBody(tree, options));
    expect(fromTree).toEqual(fromLinkedom);
    expect(outcome(() => cleanAndSanitizeHtml(html, options))).toEqual(fromLinkedom);
    // The cleaned trees too: what the DOM operations left behind.
    if ("value" in fromTree) expect(describeTree(tree)).toEqual(describeTree(linkedom));
  }
}

function bodiesIn(folder: string): { name: string; body: string }[] {
  return readdirSync(folder)
    .filter((name) => /\.(txt|md|markdown|html)$/.test(name))
    .map((name) => {
      const text = readFileSync(join(folder, name), "utf8");
      const frontMatter = readFrontMatter(text.replace(/\r\n?/g, "\n"));
      return { name, body: frontMatter.ok ? frontMatter.body : text };
    });
}

/** Bodies written to hit linkedom's quirks and htmlparser2's implied tags. */
const QUIRKS = [
  '<p class="  a  b a ">x</p><p class="">y</p><p class="   ">z</p><p CLASS="q  r" class="s">w</p>',
  '<img SRC="https://a.example/x.png"><img SRC="https://a.example/x.png" data-src="https://a.example/y.png"><img src="" data-original="https://a.example/z.png">',
  '<img 1="a" src="https://a.example/x.png" 0="b" __proto__="c" constructor="d"><code class="language-js  language-js">x</code><code CLASS="language-ts">y</code>',
  "<p>a &amp; b &lt;c&gt; &#x3000;&#x3000;d&nbsp;</p><p>&#x3000;&#x3000;<!-- c -->　e　<!-- d -->  </p>",
  "<p>a</p></div></p><p>b</p></br><br/><br />", "<p>a</p></edgefeed-fragment><p>b</p>", "<edgefeed-fragment>x</edgefeed-fragment>",
  "<svg><p class='article-editor'>责任编辑：甲</p><circle/><path d='M0'/></svg><p>after</p>", "<math><mi>x</mi></math>",
  "<![CDATA[x]]><?xml version='1.0'?><!DOCTYPE html><p>a</p>", "<p>a<!doctype html>b</p>", "x<!DOCTYPE 1html>y<!DOCTYPE>z<!doctypex>",
  '<div class="img_wrapper"><img src="//n.sinaimg.cn/a.png"><span class="img_descr"> </span></div><div class="img_wrapper"><span class="img_descr">c<img src="x.png"></span></div>',
  '<p>　　<font cms-style="strong-Bold">粗</font>文<font cms-style="strong-Bold" class="x">b</font></p><p class="article-editor">责任编辑：陈静 </p>',
  "<p>x<div>y</div></p><p><span><div>z</div></span></p><table><tr><td>a<td>b</table><ul><li>a<li>b</ul><a href=/x>a<a href=/y>b</a></a>",
  "<template><p>t</p></template><script>var a = '<p>';</script><style>p{}</style><textarea><p>x</textarea><title>t</title>",
  '<p id="left_hzh_ad">ad</p><div class="appendQr_wrap"><img src="a.png"></div><p>keep</p><span></span><b> </b><a>no href</a>',
  "<P>upper</P><DIV CLASS='img_wrapper'><IMG SRC='x.png'></DIV><Font Cms-Style='strong-Bold'>f</Font>",
];

describe("parseHtmlTree against linkedom (the path it replaced)", () => {
  it.each(QUIRKS)("gives the same for %j", (html) => expectSameAsLinkedom(html));

  it("gives the same for the seeds, the site rules' golden pairs and the hostile posts", () => {
    const folders = ["seeds", "src/builder/html/sites/sina/testdata", "test/fixtures/hostile", "test/fixtures/hexo-site/source/_posts"];
    let count = 0;
    for (const folder of folders) {
      for (const { body } of bodiesIn(join(REPOSITORY, folder))) {
        expectSameAsLinkedom(body);
        count++;
      }
    }
    expect(count).toBeGreaterThan(40);
  });

  it("gives the same for the sanitizer's XSS vectors", () => {
    for (const vector of XSS_VECTORS) expectSameAsLinkedom(vector);
  });

  it("gives the same for 300 generated posts", () => {
    for (let index = 0; index < 300; index++) {
      const frontMatter = readFrontMatter(generatePost(index).text);
      if (!frontMatter.ok) throw new Error(frontMatter.message);
      expectSameAsLinkedom(frontMatter.body);
    }
  });

  it("gives the same for arbitrary HTML-ish input", () => {
    fc.assert(fc.property(htmlish, expectSameAsLinkedom), { numRuns: 1500 });
  });

  // Sina-like markup in random order: what the site rules act on (wrappers, captions, the editor line,
  // bold fonts, indents, empty elements, comments between blocks).
  const SITE_PIECES = [
    '<div class="img_wrapper">', '<span class="img_descr">', "</span>", "</div>", "<div>", '<p cms-style="font-L">', "<p>", "</p>",
    '<font cms-style="strong-Bold">', "</font>", '<img src="https://n.sinaimg.cn/a.png" style="max-width: 640px;" id="0">', '<img data-src="//n.sinaimg.cn/b.png">',
    '<p class="article-editor">', "责任编辑：王珊珊 ", "　　", "原标题：题", "文字", " ", "\n", "<!-- c -->", "<span>", '<span class="x">',
    "<strong>", "</strong>", "<br>", '<a href="/a">', "</a>", '<div class="appendQr_wrap">', "<ul>", "<li>", "</li>", "</ul>", "<b>", "</b>", "<!-- more -->",
  ];
  it("gives the same for arbitrary Sina-like markup", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SITE_PIECES), { maxLength: 40 }), (pieces) => expectSameAsLinkedom(pieces.join(""))),
      { numRuns: 1500 },
    );
  });

  it("never publishes active content from arbitrary HTML-ish input, under any site's rules", () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        for (const { options } of RULE_OPTIONS) {
          const prepared = outcome(() => cleanAndSanitizeHtml(input, options));
          // A body it refuses (one holding a doctype) is reported and kept out, never published.
          if ("error" in prepared) expect(prepared.error).toMatch(/^cannot (parse|clean|sanitize) the HTML body: /);
          else expect(findActiveContent(prepared.value.html)).toEqual([]);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
