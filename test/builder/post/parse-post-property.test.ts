import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePost } from "../../../src/builder/post/parse-post";

/** Characters XML 1.0 forbids (§2.2), which no parsed name may contain. */
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Front-matter values: YAML fragments that are valid, odd or broken. */
const yamlValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("2021-06-11", "2021-06-11 12:19:02", "Fri, 11 Jun 2021 04:19:02 GMT", "[a, [b, c]]", "{name: x}", "'\\u0001'", "\"\\uD800x\"", "[", "~", "false", "12"),
);

/** Mostly readable values, so that most generated files do become posts and their fields get checked. */
const likelyTitle = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary" }).map((text) => JSON.stringify(text)) },
  { weight: 1, arbitrary: yamlValue },
);
const likelyDate = fc.oneof(
  { weight: 3, arbitrary: fc.date({ min: new Date("1970-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 19).replace("T", " ")) },
  { weight: 1, arbitrary: yamlValue },
);
const names = fc.oneof(yamlValue, fc.array(fc.oneof(fc.string({ unit: "binary" }).map((text) => JSON.stringify(text)), fc.integer())).map((items) => `[${items.join(", ")}]`));

const frontMatterText = fc
  .record({
    blankLines: fc.nat({ max: 3 }),
    title: likelyTitle,
    date: likelyDate,
    categories: names,
    tags: names,
    headimg: yamlValue,
    body: fc.string(),
  })
  .map(
    ({ blankLines, title, date, categories, tags, headimg, body }) =>
      `${"\n".repeat(blankLines)}---\ntitle: ${title}\ndate: ${date}\ncategories: ${categories}\ntags: ${tags}\nheadimg: ${headimg}\n---\n${body}`,
  );

describe("parsePost on arbitrary input", () => {
  it("never throws on arbitrary bytes, and returns a post or an error", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const { post, problems } = parsePost({ path: "random.bin", bytes }, { timeZone: "Asia/Shanghai" });
        expect(post !== undefined || problems.some((problem) => problem.severity === "error")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("only returns posts whose names are XML-clean, dates RFC 3339 UTC and image URLs absolute http(s)", () => {
    fc.assert(
      fc.property(frontMatterText, (text) => {
        const { post, problems } = parsePost({ path: "posts/x.md", bytes: new TextEncoder().encode(text) }, { timeZone: "Asia/Shanghai" });
        for (const problem of problems) {
          expect(problem.file).toBe("posts/x.md");
          if (problem.line !== undefined) expect(problem.line).toBeGreaterThan(0);
        }
        if (post === undefined) return;
        expect(problems.every((problem) => problem.severity === "warning")).toBe(true);
        for (const name of [post.title, post.author ?? "", ...post.tags, ...post.categories.flat()]) {
          expect(name).not.toMatch(FORBIDDEN_IN_XML);
          expect(name).toBe(name.normalize("NFC"));
        }
        expect(post.title).not.toBe("");
        expect(post.categories.flat()).not.toContain("");
        expect(post.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        expect(post.updated >= post.published).toBe(true);
        if (post.image !== undefined) expect(post.image.url).toMatch(/^https?:\/\//);
      }),
      { numRuns: 300 },
    );
  });
});
