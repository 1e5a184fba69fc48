import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutArticleHtml } from "../../../src/builder/article/cut-article-html";
import { ELEMENT_NODE, TEXT_NODE, type HtmlElement, type HtmlNode } from "../../../src/builder/html/html-node";
import { parseHtmlFragment } from "../../../src/builder/html/parse-html-fragment";
import { sanitizeHtml } from "../../../src/builder/html/sanitize-html";

const utf8Length = (text: string): number => Buffer.byteLength(text, "utf8");

/** A parsed node as plain data: adjacent text nodes merged, since a parser may split text at a reference. */
type Tree = string | { tag: string; attributes: string[]; children: Tree[] };

function childrenOf(parent: HtmlNode): Tree[] {
  const children: Tree[] = [];
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      const last = children[children.length - 1];
      if (typeof last === "string") children[children.length - 1] = last + (child.nodeValue ?? "");
      else children.push(child.nodeValue ?? "");
    } else if (child.nodeType === ELEMENT_NODE) {
      const element = child as HtmlElement;
      const attributes = element.getAttributeNames().map((name) => `${name}=${element.getAttribute(name)}`);
      children.push({ tag: element.localName, attributes, children: childrenOf(element) });
    }
  }
  return children;
}

/**
 * Why `kept` is not `original` cut short (undefined when it is): the same nodes, except that the last one at
 * each level may itself be cut short (an element with fewer children, a text that is a prefix of the original).
 */
function truncationError(kept: Tree[], original: Tree[], path = "body"): string | undefined {
  if (kept.length > original.length) return `${path} has ${kept.length} children, the original ${original.length}`;
  for (let index = 0; index < kept.length; index++) {
    const keptChild = kept[index]!;
    const originalChild = original[index]!;
    const last = index === kept.length - 1;
    if (JSON.stringify(keptChild) === JSON.stringify(originalChild)) continue;
    if (!last) return `${path}[${index}] differs: ${JSON.stringify(keptChild)} vs ${JSON.stringify(originalChild)}`;
    if (typeof keptChild === "string" || typeof originalChild === "string") {
      if (typeof keptChild === "string" && typeof originalChild === "string" && originalChild.startsWith(keptChild)) continue;
      return `${path}[${index}] is not a prefix: ${JSON.stringify(keptChild)} vs ${JSON.stringify(originalChild)}`;
    }
    if (keptChild.tag !== originalChild.tag || JSON.stringify(keptChild.attributes) !== JSON.stringify(originalChild.attributes)) {
      return `${path}[${index}] is <${keptChild.tag}>, the original <${originalChild.tag}>`;
    }
    const inner = truncationError(keptChild.children, originalChild.children, `${path}[${index}]>${keptChild.tag}`);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

const VOID = new Set(["br", "col", "hr", "img", "source", "wbr"]);

/** What keeps the HTML from being well-formed: unclosed or misnested tags, a half tag, a half reference, a lone surrogate. */
function wellFormednessErrors(html: string): string[] {
  const errors: string[] = [];
  const open: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z][a-z0-9]*)((?:\s[a-z-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#x[0-9a-f]+|#[0-9]+);)/gi)) {
    if (match[2] === undefined) errors.push(`a stray ${match[0]} at ${match.index}`);
    else if (match[1] === "/") {
      if (open.pop() !== match[2]) errors.push(`</${match[2]}> closes nothing open`);
    } else if (!VOID.has(match[2])) open.push(match[2]);
  }
  if (open.length > 0) errors.push(`unclosed ${open.join(", ")}`);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(html)) errors.push("a lone surrogate");
  return errors;
}

/**
 * Everything a cut must be, whatever the input and the budget: cut only when too big, at most the budget,
 * well-formed, and parsed, the input's own tree cut short (`inputTree`, when given, is the input parsed).
 */
function expectValidCut(input: string, maxBytes: number, result: { html: string; cut: boolean }, inputTree = childrenOf(parseHtmlFragment(input))): void {
  expect(result.cut).toBe(utf8Length(input) > maxBytes);
  expect(utf8Length(result.html)).toBeLessThanOrEqual(Math.max(maxBytes, result.cut ? 0 : utf8Length(input)));
  expect(wellFormednessErrors(result.html)).toEqual([]);
  expect(truncationError(childrenOf(parseHtmlFragment(result.html)), inputTree)).toBeUndefined();
}

interface CutCase {
  name: string;
  html: string;
  maxBytes: number;
  expected: string;
}

const LONG = "很".repeat(100);
const IMAGE = '<img src="https://img.example/a.png" alt="a &gt; b" />';

const cases: CutCase[] = [
  { name: "fits exactly: unchanged", html: "<p>短文。</p><p>Two &amp; more.</p>", maxBytes: 38, expected: "<p>短文。</p><p>Two &amp; more.</p>" },
  { name: "fits with room: unchanged", html: "<p>a</p>", maxBytes: 1_000, expected: "<p>a</p>" },
  { name: "cuts between paragraphs", html: "<p>one.</p><p>two.</p><p>three.</p>", maxBytes: 25, expected: "<p>one.</p><p>two.</p>" },
  { name: "keeps top-level text runs as nodes", html: "intro <p>one.</p> between <p>two.</p>", maxBytes: 26, expected: "intro <p>one.</p> between " },
  { name: "cuts inside the first paragraph that does not fit", html: "<p>one.</p><p>two.</p><p>threethreethree</p>", maxBytes: 40, expected: "<p>one.</p><p>two.</p><p>threethreet</p>" },
  {
    name: "leaves out a paragraph that starts in the budget's last fifth and has no better end in it",
    html: "<p>one.</p><p>two.</p><p>three.</p>",
    maxBytes: 32,
    expected: "<p>one.</p><p>two.</p>",
  },
  { name: "a single wrapping div: descends and closes it", html: "<div><p>Alpha.</p><p>Beta.</p><p>Gamma.</p></div>", maxBytes: 40, expected: "<div><p>Alpha.</p><p>Beta.</p></div>" },
  { name: "wrappers in wrappers: closes each", html: "<div><div><blockquote><p>Alpha.</p><p>Beta.</p></blockquote></div></div>", maxBytes: 60, expected: "<div><div><blockquote><p>Alpha.</p></blockquote></div></div>" },
  { name: "an element entered and left empty is dropped", html: "<p>one.</p><blockquote>\n<p>two two two</p></blockquote>", maxBytes: 35, expected: "<p>one.</p>" },
  { name: "CJK: ends on the last sentence near the budget", html: "<p>第一句。第二句！第三句？第四句还没有说完</p>", maxBytes: 49, expected: "<p>第一句。第二句！第三句？</p>" },
  { name: "CJK: a closing quote stays with its sentence", html: "<p>他说：“好。”然后走了很远很远</p>", maxBytes: 34, expected: "<p>他说：“好。”</p>" },
  { name: "CJK: no sentence end near the budget, cut on a character", html: `<p>第一句。${LONG}</p>`, maxBytes: 170, expected: `<p>第一句。${"很".repeat(50)}</p>` },
  { name: "English: a word end when no sentence ends near the budget", html: "<p>It rained. Then it snowed all night long</p>", maxBytes: 37, expected: "<p>It rained. Then it snowed all</p>" },
  { name: "English: 3.14 is no sentence end", html: "<p>Version 3.14 shipped today</p>", maxBytes: 21, expected: "<p>Version 3.14</p>" },
  { name: "a text run's start, after a sentence, beats half a sentence", html: "<p>Done.<br />第二行还没有完</p>", maxBytes: 22, expected: "<p>Done.<br /></p>" },
  { name: "entity at the boundary: not split", html: "<p>AT&amp;T and more</p>", maxBytes: 12, expected: "<p>AT</p>" },
  { name: "entity at the boundary: kept whole when it fits", html: "<p>AT&amp;T and more</p>", maxBytes: 14, expected: "<p>AT&amp;</p>" },
  { name: "&lt; at the boundary: not split", html: "<p>a&lt;b&gt;c</p>", maxBytes: 11, expected: "<p>a</p>" },
  { name: "&lt; at the boundary: kept whole when it fits", html: "<p>a&lt;b&gt;c</p>", maxBytes: 12, expected: "<p>a&lt;</p>" },
  { name: "a combining mark written as a reference stays with its letter", html: "<p>xa&#x338;b</p>", maxBytes: 10, expected: "<p>x</p>" },
  { name: "emoji at the boundary: the surrogate pair is not split", html: "<p>ab😀cd</p>", maxBytes: 12, expected: "<p>ab</p>" },
  { name: "emoji at the boundary: kept when it fits", html: "<p>ab😀cd</p>", maxBytes: 13, expected: "<p>ab😀</p>" },
  { name: "a ZWJ family is not split", html: "<p>ab👨‍👩‍👧cd</p>", maxBytes: 20, expected: "<p>ab</p>" },
  { name: "a skin tone stays with its emoji", html: "<p>ab👍🏽cd</p>", maxBytes: 15, expected: "<p>ab</p>" },
  { name: "a flag's regional indicators are not split", html: "<p>🇨🇳🇯🇵</p>", maxBytes: 19, expected: "<p>🇨🇳</p>" },
  { name: "a combining accent stays with its letter", html: "<p>ax\u0301b</p>", maxBytes: 10, expected: "<p>a</p>" },
  { name: "br kept, img too big to fit", html: `<p>x<br />y${IMAGE}z</p>`, maxBytes: 60, expected: "<p>x<br />y</p>" },
  { name: "img kept whole when it fits", html: `<p>x${IMAGE}yyyy</p>`, maxBytes: 62, expected: `<p>x${IMAGE}</p>` },
  { name: "void elements without the slash", html: '<p>x<br>y<img src="https://img.example/a.png">z</p><hr><p>after</p>', maxBytes: 55, expected: '<p>x<br>y<img src="https://img.example/a.png">z</p><hr>' },
  { name: "a top-level image bigger than the budget", html: `${IMAGE}<p>x</p>`, maxBytes: 20, expected: "" },
  // Were `title="a>` taken for the whole tag, the first cut would end inside the tag and the second would not fit the link.
  { name: "a quoted > is not the end of a tag: too big", html: '<p><a title="a>b">linklinklink</a> tail</p>', maxBytes: 23, expected: "" },
  { name: "a quoted > is not the end of a tag: kept", html: '<p><a title="a>b">linklinklink</a> tail</p>', maxBytes: 38, expected: '<p><a title="a>b">linklinklink</a></p>' },
  {
    name: "nested lists: closes the inner list, its item and the outer list",
    html: "<ul><li>one</li><li>two<ol><li>two.a</li><li>two.b</li></ol></li><li>three</li></ul>",
    maxBytes: 60,
    expected: "<ul><li>one</li><li>two<ol><li>two.a</li></ol></li></ul>",
  },
  {
    name: "a table: cut between rows",
    html: "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></tbody></table>",
    maxBytes: 60,
    expected: "<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>",
  },
  { name: "a budget of zero", html: "<p>a</p>", maxBytes: 0, expected: "" },
  { name: "a fractional budget is floored", html: `<p>${"a".repeat(20)}</p>`, maxBytes: 20.9, expected: `<p>${"a".repeat(13)}</p>` },
];

describe("cutArticleHtml", () => {
  for (const { name, html, maxBytes, expected } of cases) {
    it(name, () => {
      const result = cutArticleHtml(html, maxBytes);
      expect(result).toEqual({ html: expected, cut: utf8Length(html) > maxBytes });
      expectValidCut(html, maxBytes, result);
    });
  }

  it("returns the very same string when it fits", () => {
    const html = "<p>x</p>".repeat(10);
    expect(cutArticleHtml(html, utf8Length(html)).html).toBe(html);
  });

  it("refuses a negative or NaN budget", () => {
    expect(() => cutArticleHtml("<p>a</p>", -1)).toThrow(RangeError);
    expect(() => cutArticleHtml("<p>a</p>", Number.NaN)).toThrow(RangeError);
  });

  it("is deterministic", () => {
    const html = generatedDocument(7, 2_000);
    expect(cutArticleHtml(html, 10_000)).toEqual(cutArticleHtml(html, 10_000));
  });
});

/** Text pieces that put references, astral characters, graphemes and sentence ends near every cut. */
const TEXT_PIECES = [
  "中文", "记者获悉", "。", "！", "？", "”", "“", "Word ", "word", ". ", "! ", "?", "3.14", " ", "\n", "&amp;", "&lt;",
  "&gt;", "\"", "😀", "👨‍👩‍👧", "🇨🇳", "👍🏽", "x\u0301", "\u3000", "é", "a",
];

/** A document shaped like sanitizer output, from a seed: the same seed gives the same document. */
function generatedDocument(seed: number, paragraphs: number): string {
  let state = seed >>> 0;
  const next = (limit: number): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0; // a linear congruential generator (Numerical Recipes)
    return state % limit;
  };
  const text = (): string => Array.from({ length: 1 + next(12) }, () => TEXT_PIECES[next(TEXT_PIECES.length)]).join("");
  const inline = (): string => {
    switch (next(6)) {
      case 0: return `<strong>${text()}</strong>`;
      case 1: return `<a href="https://news.example/${next(1000)}?a=1&amp;b=2" title="t &quot;${next(9)}&quot;">${text()}</a>`;
      case 2: return "<br />";
      case 3: return `<img src="https://img.example/${next(1000)}.png" alt="图${next(9)}" />`;
      default: return text();
    }
  };
  const block = (depth: number): string => {
    const content = (): string => Array.from({ length: 1 + next(5) }, inline).join("");
    switch (depth < 3 ? next(8) : 0) {
      case 1: return `<ul>${Array.from({ length: 1 + next(4) }, () => `<li>${content()}${next(4) === 0 ? block(depth + 1) : ""}</li>`).join("")}</ul>`;
      case 2: return `<blockquote>${block(depth + 1)}${block(depth + 1)}</blockquote>`;
      case 3: return `<table><tbody>${Array.from({ length: 1 + next(3) }, () => `<tr><td>${content()}</td><td>${text()}</td></tr>`).join("")}</tbody></table>`;
      case 4: return `<figure><img src="https://img.example/${next(1000)}.jpg" /><figcaption>${text()}</figcaption></figure>`;
      case 5: return `<pre><code class="language-ts">${text()}</code></pre>`;
      case 6: return `<h2>${text()}</h2>`;
      default: return `<p>${content()}</p>`;
    }
  };
  // Scraped pages often wrap the whole article in one element.
  return `<div>${Array.from({ length: paragraphs }, () => block(0)).join("")}</div>`;
}

describe("cutArticleHtml on generated documents", () => {
  const document = sanitizeHtml(generatedDocument(20_240_611, 300));
  const documentBytes = utf8Length(document);
  const documentTree = childrenOf(parseHtmlFragment(document));

  it("cuts sanitizer output (the generator's document is its own sanitization)", () => {
    expect(sanitizeHtml(document)).toBe(document);
    expect(documentBytes).toBeGreaterThan(20_000);
  });

  it("at any budget: at most maxBytes, well-formed, the kept part of the document, and its own sanitization", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: documentBytes + 10 }), (maxBytes) => {
        const result = cutArticleHtml(document, maxBytes);
        expectValidCut(document, maxBytes, result, documentTree);
        expect(sanitizeHtml(result.html)).toBe(result.html);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps most of the budget: a cut gives up at most a fifth of it, plus the tags it cannot fit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2_000, max: documentBytes - 1 }), (maxBytes) => {
        const { html } = cutArticleHtml(document, maxBytes);
        // The generator's largest node that cannot be cut (an image) is well under 200 bytes.
        expect(utf8Length(html)).toBeGreaterThanOrEqual(maxBytes - Math.floor(maxBytes / 5) - 200);
      }),
      { numRuns: 200 },
    );
  });

  it("hard cuts keep every character reference, surrogate pair and grapheme whole", () => {
    // Text with no sentence end or white space, in a wrapping div: every cut is on a character.
    const pieces = ["中", "a", "&amp;", "&lt;", "&gt;", "😀", "👨‍👩‍👧", "🇨🇳", "👍🏽", "x\u0301\u0302", "a&#x338;", "1\uFE0F\u20E3", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"];
    const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 1, noNaN: true }), (chosen, fraction) => {
        const input = sanitizeHtml(`<div><p>${chosen.join("")}</p></div>`);
        const maxBytes = Math.floor(utf8Length(input) * fraction);
        const result = cutArticleHtml(input, maxBytes);
        expectValidCut(input, maxBytes, result);
        const text = parseHtmlFragment(input).textContent ?? "";
        const kept = parseHtmlFragment(result.html).textContent ?? "";
        const boundaries = new Set([...segmenter.segment(text)].map(({ index }) => index));
        expect(kept.length === text.length || boundaries.has(kept.length)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("with random documents and budgets", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 1, max: 8 }), fc.double({ min: 0, max: 1.05, noNaN: true }), (seed, paragraphs, fraction) => {
        const input = sanitizeHtml(generatedDocument(seed, paragraphs));
        const maxBytes = Math.floor(utf8Length(input) * fraction);
        expectValidCut(input, maxBytes, cutArticleHtml(input, maxBytes));
      }),
      { numRuns: 500 },
    );
  });
});
