import fc from "fast-check";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { parseSimpleYaml } from "../../../src/builder/read/parse-simple-yaml";
import { parseYaml } from "../../../src/builder/read/parse-yaml";

/** What readFrontMatter got before the fast path: gray-matter over js-yaml's core schema, or the error it threw. */
function throughJsYaml(yamlText: string): { data: unknown } | { error: string } {
  try {
    return { data: matter(`---\n${yamlText}\n---\n`, { language: "yaml", engines: { yaml: parseYaml } }).data };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Front matter the fast path reads itself, one line or block per case. */
const READ = [
  "title: '国资委行动方案释放信号 第1期'",
  "categories: \n - [科技, 人工智能]\n - [宏观, 政策]\ntags:\n - 深圳",
  "author: 新浪财经\ncomments: false\ndate: Fri, 01 Jan 2021 00:45:36 GMT",
  "date: 2021-01-01 11:28:06\nupdated: 2021-01-01T11:28:06+08:00",
  "title: 'It''s here'",
  'title: "double, quoted"',
  "title: It's plain",
  "title: C# and F#",
  "title: a [b] {c}",
  "title: plain with trailing spaces   ",
  "title: '　ideographic indent'",
  "title: 　ideographic",
  "tags:\n- a\n- b\nnext: 1",
  "tags:\n    - deep\n    - deeper",
  "empty:\nafter: x",
  "n: 12\nf: 1.5\nh: 0x1F\no: 0o17\nold: 017\nsixty: 1:30\nexp: 1e3\ninf: .inf\nnan: .NaN",
  "yes: true\nno: False\nnul: ~\nnul2: null\nNULL2: NULL",
  "flow: [1, true, ~, 'q', \"d\", x y]",
  "flow: [ a ,b ]",
  "link: https://example.com/a#frag?b=c",
  "key-with-dash: v\nkey_with_underscore: w",
];

/** Front matter the fast path leaves to js-yaml (which may read it or refuse it). */
const LEFT = [
  "",
  "title: a\n\nnext: b",
  "# comment\ntitle: a",
  "title: a # comment",
  "title: a: b",
  "title: a:",
  "title: folded\n  continued",
  "title: 'unclosed\n  next'",
  'title: "esc\\n"',
  "title: 'q' trailing",
  "title: &anchor a\nother: *anchor",
  "title: !!str 1",
  "body: |\n  text",
  "body: >\n  text",
  "map:\n  key: value",
  "tags:\n - a\n  - b",
  "tags:\n - - nested",
  "tags:\n - k: v",
  "tags:\n -",
  "flow: [a, [b]]",
  "flow: [a, {b: c}]",
  "flow: [a, ]",
  "flow: [a: b]",
  "flow: []",
  "tags: []x",
  "neg: -3",
  "flow: ['a, b']",
  "title: a\ntitle: b",
  "true: a",
  "Null: a",
  "__proto__: a",
  "1: a",
  "title: -a",
  "title: ? a",
  "title:\ta",
  "title: a\r",
  "title: a\u0085b",
  "\uFEFFtitle: a",
  "title: \ud800",
  "- top: level",
  "title : a",
];

/** Pieces of YAML lines, chosen to hit the fast path's edges: quotes, indicators, spaces, numbers, lists. */
const KEYS = ["title", "tags", "t", "true", "null", "1", "a-b", "__proto__", "title"];
const VALUES = [
  "", " ", "a", "a b", "'a'", "'a''b'", "'a", "\"a\"", "\"a\\\"\"", "[a, b]", "[a,b]", "[ 'a' , \"b\" ]", "[a, [b]]", "[]",
  "- a", "-a", "1", "-1", "0x1F", "1:30", "1e3", ".5", "~", "True", "no", "a # c", "a#c", "a: b", "a:", "&x a", "*x", "!t a",
  "|", ">", "%a", "@a", "`a", "{a: b}", "　a", "a　", "'a' x", "'a'  ", "a  ",
];
const ITEMS = ["", " - a", "- a", "  - b", " - [x, y]", " - 'q'", " -", " - - a", " - k: v", "   c", "#c", " - 1"];

const arbitraryYaml = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES)).map(([key, value]) => `${key}:${value === "" ? "" : " "}${value}`),
      fc.constantFrom(...ITEMS),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((lines) => lines.join("\n"));

describe("parseSimpleYaml", () => {
  it.each(READ)("reads %j exactly as js-yaml does", (yamlText) => {
    const expected = throughJsYaml(yamlText);
    expect(expected).toHaveProperty("data");
    expect(parseSimpleYaml(yamlText)).toStrictEqual((expected as { data: unknown }).data);
  });

  it.each(LEFT)("leaves %j to js-yaml", (yamlText) => {
    expect(parseSimpleYaml(yamlText)).toBeUndefined();
  });

  it("never reads front matter otherwise than js-yaml, nor what js-yaml refuses", () => {
    fc.assert(
      fc.property(arbitraryYaml, (yamlText) => {
        const fast = parseSimpleYaml(yamlText);
        if (fast === undefined) return;
        expect(throughJsYaml(yamlText)).toStrictEqual({ data: fast });
      }),
      { numRuns: 20000 },
    );
  });
});
