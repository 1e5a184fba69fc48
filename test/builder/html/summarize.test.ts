import { describe, expect, it } from "vitest";
import { SINA_RULES } from "../../../src/builder/html/sites/sina/sina-rules";
import { GENERIC_RULES } from "../../../src/builder/html/sites/site-rules";
import { SUMMARY_LENGTH, summarize } from "../../../src/builder/html/summarize";

/** Sina's lead lines (`原标题：…`), which its summaries skip. */
const SINA = SINA_RULES.summarySkipLines;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const segments = (text: string): string[] => Array.from(graphemes.segment(text), ({ segment }) => segment);

describe("summarize", () => {
  const cases: { name: string; input: string; skipLines?: readonly RegExp[]; expected: string }[] = [
    { name: "returns a short body's text whole", input: "<p>短文。</p>", expected: "短文。" },
    { name: "collapses whitespace, ideographic spaces and no-break spaces", input: "<p>\u3000\u3000a \n\t b\u00A0\u00A0c\u3000d</p>", expected: "a b c d" },
    { name: "joins paragraphs with a space", input: "<p>一。</p>\n<p>二。</p>", expected: "一。 二。" },
    { name: "keeps lines apart across line breaks", input: "<p>a<br>b</p>", expected: "a b" },
    { name: "skips a leading 原标题 paragraph by Sina's rules", input: "<p>\u3000\u3000原标题：旧标题</p><p>正文。</p>", skipLines: SINA, expected: "正文。" },
    { name: "skips a leading 原标题 line with an ASCII colon by Sina's rules", input: "原标题: 旧标题<br>正文。", skipLines: SINA, expected: "正文。" },
    { name: "keeps a 原标题 line that does not lead", input: "<p>正文。</p><p>原标题：旧标题</p>", skipLines: SINA, expected: "正文。 原标题：旧标题" },
    { name: "skips a leading 原标题 line by the generic rules too, for any site's syndicated news", input: "<p>原标题：旧标题</p><p>正文。</p>", skipLines: GENERIC_RULES.summarySkipLines, expected: "正文。" },
    { name: "keeps a leading 原标题 line for rules that skip none", input: "<p>原标题：旧标题</p><p>正文。</p>", skipLines: [], expected: "原标题：旧标题 正文。" },
    { name: "decodes entities and returns plain text, never markup", input: "<p>a &amp; <b>b</b> &lt;c&gt;</p>", expected: "a & b <c>" },
    { name: "ignores scripts, styles and captions", input: "<style>p{}</style><script>x()</script><figure><img src=x><figcaption>图</figcaption></figure><p>文</p>", expected: "文" },
    { name: "removes characters XML 1.0 forbids", input: "<p>a\u0001b\uFFFEc</p>", expected: "abc" },
    { name: "returns an empty summary for a body without text", input: "<p>\u3000</p><img src=x>", expected: "" },
  ];
  for (const { name, input, skipLines, expected } of cases) {
    it(name, () => {
      expect(summarize(input, skipLines)).toBe(expected);
    });
  }

  it("keeps text of exactly 140 characters whole", () => {
    const text = "字".repeat(SUMMARY_LENGTH);
    expect(summarize(`<p>${text}</p>`)).toBe(text);
  });

  it("cuts longer text to 140 characters ending in an ellipsis", () => {
    const text = "字".repeat(SUMMARY_LENGTH + 1);
    expect(summarize(`<p>${text}</p>`)).toBe(`${"字".repeat(SUMMARY_LENGTH - 1)}…`);
  });

  it("drops a pause mark before the ellipsis", () => {
    const summary = summarize(`<p>${"字".repeat(SUMMARY_LENGTH - 2)}，${"字".repeat(10)}</p>`);
    expect(summary).toBe(`${"字".repeat(SUMMARY_LENGTH - 2)}…`);
  });

  const graphemeCases: { name: string; unit: string }[] = [
    { name: "a surrogate pair", unit: "😀" },
    { name: "an emoji ZWJ sequence", unit: "👨‍👩‍👧" },
    { name: "a combining sequence", unit: "g\u0303" },
    { name: "a flag", unit: "🇨🇳" },
  ];
  for (const { name, unit } of graphemeCases) {
    it(`never splits ${name}`, () => {
      const text = `字${unit.repeat(100)}`;
      const summary = summarize(`<p>${text}</p>`);
      expect(summary.length).toBeLessThanOrEqual(SUMMARY_LENGTH);
      expect(summary.endsWith("…")).toBe(true);
      const kept = summary.slice(0, -1);
      expect(text.startsWith(kept)).toBe(true);
      expect(segments(kept).slice(1).every((segment) => segment === unit)).toBe(true);
      expect(segments(kept).length).toBe(1 + Math.floor((SUMMARY_LENGTH - 2) / unit.length));
    });
  }

  it("summarizes the seed's body from its first paragraphs, skipping the original title", () => {
    const body = '<p cms-style="font-L">　　原标题：技术市场合同成交金额超三千亿，上海这份三年行动计划有哪些目标</p>\n<p cms-style="font-L">　　在建立相关制度、流程合规。</p>';
    expect(summarize(body, SINA)).toBe("在建立相关制度、流程合规。");
  });
});
