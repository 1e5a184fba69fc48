import { describe, expect, it } from "vitest";
import { resolveArticleUrl } from "../../../src/builder/html/clean-article-fragment";
import { cleanArticleHtml } from "../../../src/builder/html/clean-article-html";
import { siteRulesFor } from "../../../src/builder/html/site-rules-for";
import { SINA_RULES } from "../../../src/builder/html/sites/sina/sina-rules";
import { GENERIC_RULES, type SiteRules } from "../../../src/builder/html/sites/site-rules";

const IMAGE = "https://n.sinaimg.cn/a.png";
/** A post that names no source, built as wrangler.toml's SOURCE_SITE builds seeds/: with Sina's rules. */
const SINA = { sourceSite: "sina" };
// linkedom puts attributes the cleaner adds first; the sanitizer serializes them in its allowlist's order.
const IMG = `<img loading="lazy" referrerpolicy="no-referrer" src="${IMAGE}">`;

describe("cleanArticleHtml", () => {
  const cases: { name: string; input: string; sourceUrl?: string; expected: string }[] = [
    { name: "removes comments", input: "<p>a<!-- news_keyword_pub,stock, --></p><!-- 正文下iframe -->", expected: "<p>a</p>" },
    { name: "removes style, script and noscript with their content", input: "<style>p{}</style><p>a</p><script>alert(1)</script><noscript>b</noscript>", expected: "<p>a</p>" },
    { name: "removes iframes", input: '<p>a</p><iframe src="https://x.example/"></iframe>', expected: "<p>a</p>" },
    {
      name: "removes Sina's QR-code promotion",
      input: '<p>a</p><div class="clearfix appendQr_wrap"><div class="appendQr_normal"><img src="https://n.sinaimg.cn/q.png"></div><div class="appendQr_normal_txt">海量资讯、精准解读，尽在新浪财经APP</div></div>',
      expected: "<p>a</p>",
    },
    { name: "removes empty and blank paragraphs at the end", input: "<p>a</p><p> </p><p>\u3000\u3000</p><p><br></p>", expected: "<p>a</p>" },
    { name: "removes wrappers left empty", input: "<div><div><span> </span></div></div><p>a</p><div><p></p></div>", expected: "<p>a</p>" },
    { name: "turns Sina's bold font into strong", input: '<p><font cms-style="strong-Bold">要点</font>正文</p>', expected: "<p><strong>要点</strong>正文</p>" },
    { name: "unwraps other fonts", input: '<p><font color="red" face="x">红</font>字</p>', expected: "<p>红字</p>" },
    {
      name: "drops site and presentation attributes, keeping an image's size",
      input: `<p cms-style="font-L" class="x" id="y" style="color:red" align="center" width="3">a</p><img src="${IMAGE}" width="640" height="480" style="max-width: 640px;" id="0">`,
      expected: `<p>a</p><img loading="lazy" referrerpolicy="no-referrer" src="${IMAGE}" width="640" height="480">`,
    },
    {
      name: "turns an image wrapper with a caption into a figure",
      input: `<div class="img_wrapper"><img src="${IMAGE}" alt><span class="img_descr">图为会场</span></div>`,
      expected: `<figure><img loading="lazy" referrerpolicy="no-referrer" src="${IMAGE}" alt=""><figcaption>图为会场</figcaption></figure>`,
    },
    {
      name: "turns an image wrapper with an empty caption into a figure with the image only",
      input: `<div class="img_wrapper"><img id="0" style="max-width: 640px;" src="${IMAGE}" referrerpolicy="no-referrer"><span class="img_descr"></span></div>`,
      expected: `<figure><img loading="lazy" src="${IMAGE}" referrerpolicy="no-referrer"></figure>`,
    },
    { name: "unwraps an outer div of blocks", input: "<div>   \n<p>a</p>\n\n<p>b</p>\n  </div>", expected: "<p>a</p>\n<p>b</p>" },
    { name: "keeps a div of running text as a block", input: "<div>a <b>b</b></div><div>c</div>", expected: "<div>a <b>b</b></div><div>c</div>" },
    { name: "turns a paragraph holding a block into a div, as an HTML parser would split it", input: "<p>e<span><div>f</div></span></p>", expected: "<div>e<div>f</div></div>" },
    { name: "strips the ideographic-space paragraph indent", input: "<p>\u3000\u3000正文\u3000</p>", expected: "<p>正文</p>" },
    { name: "strips an indent inside the paragraph's first inline element", input: "<p><strong>\u3000\u3000要点</strong> 正文 </p>", expected: "<p><strong>要点</strong> 正文</p>" },
    { name: "keeps spaces between inline elements", input: "<p><b>a</b> <i>b</i></p>", expected: "<p><b>a</b> <i>b</i></p>" },
    { name: "makes protocol-relative URLs https", input: '<p><a href="//finance.sina.com.cn/x.html">x</a></p><img src="//n.sinaimg.cn/a.png">', expected: `<p><a href="https://finance.sina.com.cn/x.html">x</a></p>${IMG}` },
    {
      name: "resolves relative URLs against the source URL",
      sourceUrl: "https://finance.sina.com.cn/china/doc.shtml",
      input: '<p><a href="../x.html">x</a></p><img src="a.png">',
      expected: '<p><a href="https://finance.sina.com.cn/x.html">x</a></p><img loading="lazy" referrerpolicy="no-referrer" src="https://finance.sina.com.cn/china/a.png">',
    },
    { name: "drops relative links and images when the source URL is unknown", input: '<p><a href="/x.html">x</a></p><div class="img_wrapper"><img src="a.png"><span class="img_descr"></span></div>', expected: "<p>x</p>" },
    { name: "takes a lazy-loaded image's source from data-src", input: '<img data-src="https://n.sinaimg.cn/a.png">', expected: IMG },
    { name: "prefers data-src to a data: placeholder", input: '<img src="data:image/gif;base64,R0lGOD" data-src="https://n.sinaimg.cn/a.png">', expected: '<img loading="lazy" referrerpolicy="no-referrer" src="https://n.sinaimg.cn/a.png">' },
    { name: "adds no-referrer and lazy loading to images", input: `<p><img src="${IMAGE}"></p>`, expected: `<p>${IMG}</p>` },
  ];

  for (const { name, input, sourceUrl, expected } of cases) {
    it(name, () => {
      expect(cleanArticleHtml(input, sourceUrl === undefined ? SINA : { ...SINA, sourceUrl }).html).toBe(expected);
    });
  }

  it("takes the editor line out of the body as metadata", () => {
    expect(cleanArticleHtml('<p>正文</p>\n<p class="article-editor">责任编辑：王珊珊 </p>\n', SINA)).toEqual({ html: "<p>正文</p>", editor: "王珊珊" });
  });

  it("cleans the editor's name as published text: no characters XML forbids, NFC", () => {
    expect(cleanArticleHtml('<p>正文</p><p class="article-editor">责任编辑：王\u0001珊\u000b珊 Cafe\u0301</p>', SINA)).toEqual({ html: "<p>正文</p>", editor: "王珊珊 Caf\u00e9" });
    // A name that is nothing but such characters is no name: the line still leaves the body.
    expect(cleanArticleHtml('<p>正文</p><p class="article-editor">责任编辑：\u0001\uFFFE</p>', SINA)).toEqual({ html: "<p>正文</p>" });
  });

  it("recognizes an editor line without Sina's class and with an ASCII colon", () => {
    expect(cleanArticleHtml("<p>正文</p><p>\u3000\u3000责任编辑: 李四</p>", SINA)).toEqual({ html: "<p>正文</p>", editor: "李四" });
  });

  it("leaves a paragraph that merely mentions an editor in the body", () => {
    const input = "<p>他曾任责任编辑：后来离开了报社。</p>";
    expect(cleanArticleHtml(input, SINA)).toEqual({ html: input });
  });

  it("returns no editor when the body has no editor line", () => {
    expect(cleanArticleHtml("<p>a</p>", {})).toEqual({ html: "<p>a</p>" });
  });

  it("does only the generic cleaning for a site without rules", () => {
    const input = '<div class="appendQr_wrap">promo</div><p><font cms-style="strong-Bold">b</font></p><!-- c --><script>x</script>';
    expect(cleanArticleHtml(input, { sourceUrl: "https://news.example.org/a" }).html).toBe("<div>promo</div><p>b</p>");
    // A post without a source URL gets the generic rules too, unless SOURCE_SITE names a site.
    expect(cleanArticleHtml(input, {}).html).toBe("<div>promo</div><p>b</p>");
  });

  it("gives images the referrer policy their site's rules ask for, and none when they ask for none", () => {
    const input = `<p><img src="${IMAGE}"></p>`;
    expect(cleanArticleHtml(input, SINA).html).toBe(`<p>${IMG}</p>`);
    const rules: SiteRules = { ...GENERIC_RULES, name: "open-images", imageReferrerPolicy: undefined };
    expect(cleanArticleHtml(input, { rules }).html).toBe(`<p><img loading="lazy" src="${IMAGE}"></p>`);
  });

  it("cleans a new site from a rules table alone", () => {
    const rules: SiteRules = {
      ...GENERIC_RULES,
      name: "example",
      hosts: ["example.org"],
      removeSelectors: [...GENERIC_RULES.removeSelectors, ".share"],
      renameElements: [{ selector: "span.bold", to: "strong" }],
      figures: [{ wrapperSelector: ".pic", captionSelector: ".note" }],
      editor: { selector: ".editor", pattern: /^Edited by (.+)$/ },
    };
    const input = `<div class="share">share</div><p><span class="bold">a</span></p><div class="pic"><img src="${IMAGE}"><p class="note">n</p></div><p class="editor">Edited by Ann</p>`;
    expect(cleanArticleHtml(input, { rules })).toEqual({
      html: `<p><strong>a</strong></p><figure>${IMG}<figcaption>n</figcaption></figure>`,
      editor: "Ann",
    });
  });
});

describe("siteRulesFor", () => {
  const cases: { sourceUrl: string | undefined; expected: SiteRules }[] = [
    { sourceUrl: undefined, expected: GENERIC_RULES },
    { sourceUrl: "https://finance.sina.com.cn/china/doc.shtml", expected: SINA_RULES },
    { sourceUrl: "https://sina.cn/news", expected: SINA_RULES },
    { sourceUrl: "https://k.sina.cn/article.html", expected: SINA_RULES },
    { sourceUrl: "https://notsina.cn/a", expected: GENERIC_RULES },
    { sourceUrl: "https://news.example.org/a", expected: GENERIC_RULES },
    { sourceUrl: "not a url", expected: GENERIC_RULES },
  ];
  for (const { sourceUrl, expected } of cases) {
    it(`picks the ${expected.name} rules for ${String(sourceUrl)}`, () => {
      expect(siteRulesFor(sourceUrl)).toBe(expected);
    });
  }

  it("picks the rules SOURCE_SITE names for a post without a source URL, and only for such a post", () => {
    expect(siteRulesFor(undefined, "sina")).toBe(SINA_RULES);
    expect(siteRulesFor(undefined, "generic")).toBe(GENERIC_RULES);
    expect(siteRulesFor("https://news.example.org/a", "sina")).toBe(GENERIC_RULES);
  });

  it("throws naming the known sites for a SOURCE_SITE no rules are named", () => {
    expect(() => siteRulesFor(undefined, "weibo")).toThrow('no site rules are named "weibo" (known: generic, sina)');
  });
});

describe("resolveArticleUrl", () => {
  const cases: { value: string; sourceUrl?: string; expected: string | undefined }[] = [
    { value: "https://a.example/x", expected: "https://a.example/x" },
    { value: "  //a.example/x ", expected: "https://a.example/x" },
    { value: "x/y.png", sourceUrl: "https://a.example/p/q.html", expected: "https://a.example/p/x/y.png" },
    { value: "x/y.png", expected: undefined },
    { value: "", sourceUrl: "https://a.example/", expected: undefined },
  ];
  for (const { value, sourceUrl, expected } of cases) {
    it(`resolves ${JSON.stringify(value)} against ${String(sourceUrl)} to ${String(expected)}`, () => {
      expect(resolveArticleUrl(value, sourceUrl)).toBe(expected);
    });
  }
});
