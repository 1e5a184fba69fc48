import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { Article } from "../../../src/model/article";
import { PAGE_ITEM_MAX_BYTES } from "../../../src/model/kv-limits";

/** The folder of committed hostile posts. */
export const HOSTILE_FOLDER = "test/fixtures/hostile";

/** What a hostile post must become: published (then `check` looks at the article and warnings), or kept out with an error containing `error`. */
export type HostileOutcome =
  | { published: true; check?: (article: Article, warnings: string[]) => void }
  | { error: string };

/** One hostile post: its file name, its bytes, what it must become. */
export interface HostilePost {
  file: string;
  bytes: () => Uint8Array;
  outcome: HostileOutcome;
}

const committed = (file: string, outcome: HostileOutcome): HostilePost => ({
  file,
  bytes: () => readFileSync(join(HOSTILE_FOLDER, file)),
  outcome,
});

/** A post with a plain front matter (title, date) plus `front`, over `body`: for the generated cases. */
function post(front: string, body: string): Uint8Array {
  return new TextEncoder().encode(`---\ntitle: generated\ndate: 2021-06-11 12:19:02\n${front}\n---\n${body}`);
}

const PARAGRAPH = "<p>正文第一段，足够长的文字。</p>\n";
const names = (count: number, prefix: string): string => Array.from({ length: count }, (_, index) => `${prefix}${index}`).join(", ");

/** Every committed post of test/fixtures/hostile, with what it must become. A test checks none is missing. */
export const COMMITTED_POSTS: readonly HostilePost[] = [
  committed("script-everywhere.md", {
    published: true,
    check: (article, warnings) => {
      // Names and titles are text: the markup stays as characters for the renderers to escape.
      expect(article.title).toBe("<script>alert(1)</script>标题 <img src=x onerror=alert(2)>");
      expect(article.author).toBe("<img src=x onerror=alert(3)>编辑");
      expect(article.categories).toEqual([["<script>alert(4)</script>"], ['"><svg onload=alert(5)>']]);
      expect(article.image).toBeUndefined();
      expect(warnings.join("\n")).toMatch(/headimg .* is not an absolute http\(s\) URL/);
      expect(article.contentHtml).toContain('<a href="https://ok.example/">ok link</a>');
      expect(article.contentHtml).toContain('<img src="https://img.example/c.png"');
    },
  }),
  committed("cdata-end.md", {
    published: true,
    check: (article) => {
      expect(article.title).toBe("a ]]> b <![CDATA[ c");
      expect(article.contentHtml).not.toContain("]]>");
      expect(article.contentHtml).toContain("]]&gt;");
    },
  }),
  committed("control-characters.md", {
    published: true,
    check: (article, warnings) => {
      expect(article.title).toBe("ctl title");
      expect(article.author).toBe("ab");
      expect(warnings).toContain("title had characters XML forbids; they were removed");
    },
  }),
  committed("nul-bytes.md", { published: true, check: (article) => expect(article.contentHtml).not.toMatch(/script|\u0000/) }),
  committed("nul-in-front-matter.md", { error: "null byte is not allowed" }),
  committed("malformed-yaml.md", { error: "bad YAML front matter" }),
  committed("yaml-tab-indent.md", { published: true }),
  committed("billion-laughs.md", { error: "front matter holds more than 100,000 values" }),
  committed("billion-laughs-title.md", { error: "front matter holds more than 100,000 values" }),
  committed("000_d0b1ed0000000001.md", { published: true, check: (article) => expect(article.id).toBe("d0b1ed0000000001") }),
  // Same id as the file above: buildArticle publishes it, collectArticles keeps the first path only.
  committed("001_d0b1ed0000000001.md", { published: true, check: (article) => expect(article.id).toBe("d0b1ed0000000001") }),
  committed("javascript-headimg.md", {
    published: true,
    check: (article, warnings) => {
      expect(article.image).toBeUndefined();
      expect(article.sourceUrl).toBeUndefined();
      expect(warnings.filter((warning) => warning.includes("is not an absolute http(s) URL"))).toHaveLength(5);
    },
  }),
  committed("protocol-relative-svg-image.md", {
    published: true,
    check: (article) => expect(article.image).toEqual({ url: "https://evil.example/x.svg", type: "image/svg+xml" }),
  }),
  committed("whitespace-title.md", { error: "title is empty" }),
  // Zero-width characters only: valid text, but a reader would show a blank title.
  committed("invisible-title.md", { error: "title is empty" }),
  committed("year-99999.md", { error: "is not a date I can read" }),
  committed("year-zero.md", { error: "is not a date I can read" }),
  committed("negative-date.md", { error: "is not a date I can read" }),
  committed("date-nan.md", { error: "date NaN is not a date I can read" }),
  committed("date-huge-number.md", { error: "date Infinity is not a date I can read" }),
  committed("front-matter-list.md", { error: "front matter must be YAML keys and values" }),
  committed("front-matter-scalar.md", { error: "front matter must be YAML keys and values" }),
  committed("front-matter-empty.md", { error: "missing title" }),
  // A `__proto__` mapping must not lend the post a title or date through the prototype chain.
  committed("proto-keys.md", { error: "missing title" }),
  committed("proto-keys-with-title.md", {
    published: true,
    check: (article) => {
      expect(article.tags).toEqual(["__proto__", "constructor", "toString"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  }),
  committed("traversal-categories.md", {
    published: true,
    check: (article, warnings) => {
      expect(article.categories.flat()).not.toContain("..");
      expect(article.categories.flat()).not.toContain(".");
      expect(article.tags).not.toContain("..");
      expect(article.categories).toContainEqual(["a/b"]);
      expect(article.categories).toContainEqual(["%2F"]);
      expect(warnings).toContain('category ".." cannot be a name in a URL path; it was left out');
    },
  }),
  committed("rtl-override.md", { published: true, check: (article) => expect(article.title).toContain("\u202E") }),
  committed("custom-yaml-tags.md", { error: "unknown tag" }),
  committed("title-object.md", { error: "title must be text" }),
  committed("title-number.md", { published: true, check: (article) => expect(article.title).toBe("12345") }),
  committed("empty-after-cleaning.md", { error: "the body is empty after cleaning" }),
  // A scraper that saved the whole page: linkedom kept nothing of such a body but the doctype, and the
  // build's own tree keeps its outcome (html-tree-differential.test.ts), so the post is kept out, saying why.
  committed("doctype-in-body.md", { error: "it holds a <!DOCTYPE> declaration" }),
  committed("excerpt-with-script.md", { published: true, check: (article) => expect(article.summary).toBe("intro") }),
  committed("entity-tricks.md", {
    published: true,
    // Entities in YAML are not HTML: the title keeps them as the characters written.
    check: (article) => expect(article.title).toBe("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#0;"),
  }),
  committed("crlf-bom.md", { published: true }),
  committed("cr-only.md", { published: true }),
  committed("invalid-utf8.md", { error: "is not valid UTF-8" }),
  committed("overlong-utf8.md", { error: "is not valid UTF-8" }),
  committed("utf16-no-bom.md", { published: true }),
  committed("not-a-post.md", { error: "is not valid UTF-8" }),
  committed("no-front-matter.md", { error: "no front matter" }),
  committed("unclosed-front-matter.md", { error: "front matter is not closed" }),
  committed("deep-yaml.md", { error: "bad YAML front matter" }),
  committed("link-injection.md", {
    published: true,
    check: (article) => {
      expect(article.sourceUrl).toBeUndefined();
      expect(article.contentHtml).not.toMatch(/[\r\n]Set-Cookie/);
    },
  }),
  committed("html-in-names.md", { published: true }),
  committed("mutation-xss.md", { published: true }),
];

/** Posts too big to commit, made in the test: sizes and counts past every bound the build has. */
export const GENERATED_POSTS: readonly HostilePost[] = [
  {
    file: "generated/body-5-mb.md",
    // Published whole; feed pages hold a copy cut to fit (planGeneration's tests check the copy).
    bytes: () => post("", `<p>${"长文".repeat(900_000)}</p>`),
    outcome: { published: true, check: (article) => expect(article.contentHtml.length).toBeGreaterThan(1_800_000) },
  },
  {
    file: "generated/body-just-fits-a-page.md",
    // ~ 600 bytes of JSON framing leave room under the bound of a page's copy: published, never cut.
    bytes: () => post("", `<p>${"x".repeat(PAGE_ITEM_MAX_BYTES - 1_000)}</p>`),
    outcome: { published: true },
  },
  {
    file: "generated/long-single-line.md",
    bytes: () => post("", `<p>${"一行".repeat(20_000)}<b>${"x".repeat(50_000)}</b></p>`),
    outcome: { published: true },
  },
  {
    file: "generated/title-300-kb.md",
    bytes: () => new TextEncoder().encode(`---\ntitle: ${"长".repeat(100_000)}\ndate: 2021-06-11\n---\n${PARAGRAPH}`),
    outcome: { error: "too big to publish, so the post is kept out: its fields besides the body" },
  },
  {
    file: "generated/10000-categories.md",
    bytes: () => post(`categories:\n${Array.from({ length: 10_000 }, (_, index) => ` - [c${index}]`).join("\n")}`, PARAGRAPH),
    outcome: {
      published: true,
      check: (article, warnings) => {
        expect(article.categories).toHaveLength(100);
        expect(warnings).toContain("more than 100 categories; the rest were left out");
      },
    },
  },
  {
    file: "generated/10000-level-category.md",
    bytes: () => post(`categories: [${names(10_000, "level")}]`, PARAGRAPH),
    outcome: { published: true, check: (article) => expect(article.categories).toEqual([Array.from({ length: 10 }, (_, index) => `level${index}`)]) },
  },
  {
    file: "generated/10000-tags.md",
    bytes: () => post(`tags: [${names(10_000, "tag")}]`, PARAGRAPH),
    outcome: { published: true, check: (article) => expect(article.tags).toHaveLength(100) },
  },
  {
    file: "generated/category-name-5000-characters.md",
    bytes: () => post(`categories: [${"类".repeat(5_000)}, short]`, PARAGRAPH),
    outcome: { published: true, check: (article) => expect(article.categories).toEqual([["short"]]) },
  },
  {
    file: "generated/html-nested-10000-deep.md",
    bytes: () => post("", `${"<div>".repeat(10_000)}deep${"</div>".repeat(10_000)}`),
    outcome: { error: "cannot clean the HTML body" },
  },
  {
    file: "generated/unclosed-tags-10000.md",
    bytes: () => post("", `${"<b><i>".repeat(5_000)}open`),
    outcome: { error: "cannot clean the HTML body" },
  },
  {
    file: "generated/nested-1000-deep.md",
    bytes: () => post("", `${"<div><span>".repeat(500)}shallow enough${"</span></div>".repeat(500)}`),
    outcome: { published: true, check: (article) => expect(article.contentHtml).toContain("shallow enough") },
  },
  {
    file: "generated/100000-paragraphs.md",
    bytes: () => post("", "<p>段</p>".repeat(100_000)),
    outcome: { published: true, check: (article) => expect(article.contentHtml.match(/<p>/g)).toHaveLength(100_000) },
  },
  {
    file: "generated/yaml-alias-cycle.md",
    // A list holding itself: any walk of it would never end.
    bytes: () => post("loop: &loop [*loop]\ncategories: *loop", PARAGRAPH),
    outcome: { error: "front matter holds more than 100,000 values" },
  },
  {
    file: "generated/1000000-item-list.md",
    bytes: () => post(`junk: [${"0,".repeat(1_000_000)}0]`, PARAGRAPH),
    outcome: { error: "front matter holds more than 100,000 values" },
  },
];
