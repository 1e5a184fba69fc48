import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cleanAndSanitizeHtml } from "../../../src/builder/html/clean-and-sanitize-html";
import { cleanArticleHtml } from "../../../src/builder/html/clean-article-html";
import { sanitizeHtml } from "../../../src/builder/html/sanitize-html";
import { SINA_RULES } from "../../../src/builder/html/sites/sina/sina-rules";
import { summarize } from "../../../src/builder/html/summarize";
import { findActiveContent } from "./find-active-content";

/** The seed's body, one of Sina's golden pairs (site-golden-pairs.test.ts compares it with its result). */
const seedBody = (): string => readFileSync(fileURLToPath(new URL("../../../src/builder/html/sites/sina/testdata/seed.html", import.meta.url)), "utf8");
/** The seed names no source URL; wrangler.toml's SOURCE_SITE builds such posts with Sina's rules. */
const SINA = { rules: SINA_RULES };

describe("cleanAndSanitizeHtml", () => {
  it("keeps all of the seed's text paragraphs and its one article image, and none of its junk", () => {
    const input = seedBody();
    const { html, editor } = cleanAndSanitizeHtml(input, SINA);
    expect(editor).toBe("王珊珊");
    // Every text paragraph of the source, its indent gone, in order; the editor line is not one of them.
    const paragraphs = [...input.matchAll(/<p cms-style="font-L">\u3000\u3000(.+?)<\/p>/g)].map((match) => `<p>${match[1]}</p>`);
    expect(paragraphs).toHaveLength(13);
    expect(html.match(/<p>.*?<\/p>/g)).toEqual(paragraphs);
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain('src="https://n.sinaimg.cn/sinakd2021611s/618/w1080h9938/20210611/50fd-krhvrxt7764592.png"');
    expect(html).toContain("邵珉说。</p>");
    for (const junk of ["<!--", "<style", "appendQr", "新浪财经APP", "343233024.png", "cms-style", "class=", "style=", "责任编辑", "\u3000", "<div", "<span"]) {
      expect(html).not.toContain(junk);
    }
  });

  const sameResultCases: { name: string; input: () => string }[] = [
    { name: "the seed", input: seedBody },
    { name: "a body with embeds and unknown elements", input: () => '<p>a<custom-x>b</custom-x><button>c</button></p><svg><text>d</text></svg><div class="img_wrapper"><img src="//n.sinaimg.cn/a.png"><span class="img_descr">cap</span></div><p>e<span><div>f</div></span></p>' },
  ];
  for (const { name, input } of sameResultCases) {
    it(`gives for ${name} what the cleaner, the sanitizer and summarize give apart, with one parse instead of three`, () => {
      const cleaned = cleanArticleHtml(input(), SINA);
      const html = sanitizeHtml(cleaned.html);
      const expected = { html, ...(cleaned.editor === undefined ? {} : { editor: cleaned.editor }), summary: summarize(html, SINA_RULES.summarySkipLines) };
      expect(cleanAndSanitizeHtml(input(), SINA)).toEqual(expected);
    });
  }

  it("summarizes the seed from its first real paragraphs", () => {
    const { summary } = cleanAndSanitizeHtml(seedBody(), SINA);
    expect(summary).toMatch(/^在建立相关制度、流程合规、.*…$/);
    expect(summary.length).toBeLessThanOrEqual(140);
  });

  it("resolves relative URLs against the source URL given", () => {
    const { html } = cleanAndSanitizeHtml('<p><a href="/a/1.html">more</a><img src="x.png"></p>', {
      sourceUrl: "https://finance.sina.com.cn/china/2021-06-11/doc.shtml",
    });
    expect(html).toBe(
      '<p><a href="https://finance.sina.com.cn/a/1.html">more</a><img src="https://finance.sina.com.cn/china/2021-06-11/x.png" loading="lazy" referrerpolicy="no-referrer" /></p>',
    );
  });
});

describe("cleanAndSanitizeHtml on input it cannot handle", () => {
  it("either throws a clear error or returns inert HTML for a body nested too deep to walk, never the raw body", () => {
    const deep = `${"<div><b>".repeat(20_000)}<script>alert(1)</script>${"</b></div>".repeat(20_000)}`;
    let html: string;
    try {
      html = cleanAndSanitizeHtml(deep, {}).html;
    } catch (error) {
      expect((error as Error).message).toMatch(/^cannot (parse|clean|sanitize) the HTML body: /);
      return;
    }
    expect(findActiveContent(html)).toEqual([]);
  });
});
