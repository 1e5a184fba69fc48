import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePost } from "../../../scripts/support/generate-post";
import { buildArticle } from "../../../src/builder/article/build-article";
import { collectArticles } from "../../../src/builder/run/collect-articles";
import { findUnsafeFields } from "./find-unsafe-fields";

// Mutation fuzzing: start from posts the build publishes (the seed and generated Sina-like posts), then break
// them the ways a hostile or broken scraper would, at the level of bytes, lines and front-matter values.
// parse-post-property and sanitize-html.property test random text; these keep most of a real post intact,
// so the mutations reach the cleaner, the sanitizer and the summary rather than stopping at the front matter.

const encoder = new TextEncoder();
const STARTS: readonly Uint8Array[] = [
  readFileSync("seeds/000_8f6629c53df7089d.txt"),
  ...Array.from({ length: 6 }, (_, index) => encoder.encode(generatePost(index * 7).text)),
];

/** Lines an attacker or a broken scraper puts into a post. */
const HOSTILE_LINES = [
  "---", "title: <script>alert(1)</script>", "title: ' \u3000 '", "title: *a", "a: &a [x, *a]", "date: 99999-01-01",
  "date: 0000-01-01", "categories: [.., '.', '%2F', a/b]", "tags: [\"\\u0000\", \"\\uD800\", \"\\u202E\"]",
  "headimg: javascript:alert(1)", "headimg: '//evil.example/x.svg'", "author: {name: [1, 2]}", "__proto__: {title: x}",
  "link: \"https://ok.example/\\r\\nX: y\"", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
  "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<svg><script>alert(1)</script></svg>", "]]>", "<![CDATA[", "\u0000\u0001\u000b",
  "\uFFFE\uDC00", "<!-- more -->", "<div>".repeat(300), "</p></div></table>", "<table><td><td>x", "<p>\u0338</p>", "&#0;&#xD800;&#x110000;",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
  "<base href=\"javascript:alert(1)//\">", "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">", "\t- - ..",
];

/** Values put in place of a front-matter key's value. */
const HOSTILE_VALUES = [
  "", "~", "[]", "{}", "[[]]", "'<script>alert(1)</script>'", "\"\\u0001\\uFFFF\"", "*missing", "!!js/function 'x'", "[", "99999-01-01",
  "1e400", ".nan", "-1", "true", "[\"..\", \".\"]", "'javascript:alert(1)'", "\"\\u202Egnp.exe\"", "{__proto__: {x: 1}}", "'  '",
];
const FRONT_MATTER_KEYS = ["title", "date", "updated", "author", "categories", "tags", "headimg", "thumbnail", "link", "published", "draft"];

type Mutation = (bytes: Uint8Array) => Uint8Array;

const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, value]): Mutation => (bytes) => {
    const copy = bytes.slice();
    if (copy.length > 0) copy[at % copy.length] = value;
    return copy;
  }),
  fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([at, inserted]): Mutation => (bytes) => {
    const position = bytes.length === 0 ? 0 : at % bytes.length;
    return Uint8Array.from([...bytes.subarray(0, position), ...inserted, ...bytes.subarray(position)]);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 400 })).map(([at, length]): Mutation => (bytes) => {
    const position = bytes.length === 0 ? 0 : at % bytes.length;
    return Uint8Array.from([...bytes.subarray(0, position), ...bytes.subarray(position + length)]);
  }),
);

/** Works on the text's lines (decoded leniently, so earlier byte damage shows as U+FFFD). */
const onLines = (change: (lines: string[]) => void): Mutation => (bytes) => {
  const lines = new TextDecoder().decode(bytes).split("\n");
  change(lines);
  return encoder.encode(lines.join("\n"));
};

const lineMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => onLines((lines) => void lines.splice(at % lines.length, 1))),
  fc.nat().map((at) => onLines((lines) => void lines.splice(at % lines.length, 0, lines[at % lines.length]!))),
  fc.tuple(fc.nat(), fc.nat()).map(([first, second]) =>
    onLines((lines) => {
      const [a, b] = [first % lines.length, second % lines.length];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_LINES)).map(([at, line]) => onLines((lines) => void lines.splice(at % (lines.length + 1), 0, line))),
);

const frontMatterMutation: fc.Arbitrary<Mutation> = fc
  .tuple(fc.constantFrom(...FRONT_MATTER_KEYS), fc.constantFrom(...HOSTILE_VALUES))
  .map(([key, value]) =>
    onLines((lines) => {
      const index = lines.findIndex((line) => line.startsWith(`${key}:`));
      if (index >= 0) lines.splice(index, 1, `${key}: ${value}`);
      else lines.splice(Math.min(2, lines.length), 0, `${key}: ${value}`);
    }),
  );

/** A real post with one to five mutations applied in order. */
const mutatedPost = fc
  .tuple(fc.constantFrom(...STARTS), fc.array(fc.oneof(byteMutation, lineMutation, frontMatterMutation, frontMatterMutation), { minLength: 1, maxLength: 5 }))
  .map(([start, mutations]) => mutations.reduce((bytes, mutate) => mutate(bytes), start));

/** A random post: front-matter keys with hostile or random values over a body of hostile lines and random text. */
const randomPost = fc
  .record({
    title: fc.oneof(fc.constantFrom(...HOSTILE_VALUES), fc.string({ unit: "binary" }).map((text) => JSON.stringify(text))),
    date: fc.oneof(fc.constant("2021-06-11 12:19:02"), fc.constantFrom(...HOSTILE_VALUES)),
    extra: fc.array(fc.tuple(fc.constantFrom(...FRONT_MATTER_KEYS), fc.constantFrom(...HOSTILE_VALUES)), { maxLength: 4 }),
    body: fc.array(fc.oneof(fc.constantFrom(...HOSTILE_LINES), fc.string({ unit: "binary", maxLength: 30 }), fc.constant("<p>正文。</p>")), { maxLength: 12 }),
  })
  .map(({ title, date, extra, body }) =>
    encoder.encode(`---\ntitle: ${title}\ndate: ${date}\n${extra.map(([key, value]) => `${key}: ${value}`).join("\n")}\n---\n${body.join("\n")}`),
  );

describe("buildArticle on random posts", () => {
  it("never throws and publishes only safe, well-formed articles", () => {
    fc.assert(
      fc.property(randomPost, (bytes) => {
        const result = buildArticle({ path: "random/post.md", bytes }, { timeZone: "Asia/Shanghai" });
        if (result.article !== undefined) expect(findUnsafeFields(result.article)).toEqual([]);
        else if (!result.draft) expect(result.problems.some((problem) => problem.severity === "error")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("buildArticle on mutated real posts", () => {
  it("never throws, names the file in every problem, and publishes only safe, well-formed articles", () => {
    let published = 0;
    fc.assert(
      fc.property(mutatedPost, (bytes) => {
        const result = buildArticle({ path: "mutated/post.txt", bytes }, { timeZone: "Asia/Shanghai" });
        for (const problem of result.problems) expect(problem.file).toBe("mutated/post.txt");
        if (result.article === undefined) {
          if (!result.draft) expect(result.problems.some((problem) => problem.severity === "error")).toBe(true);
          return;
        }
        published++;
        expect(findUnsafeFields(result.article)).toEqual([]);
      }),
      { numRuns: 500 },
    );
    // Most mutations leave a publishable post, so the safety checks above really ran.
    expect(published).toBeGreaterThan(50);
  });

  it("keeps a folder's good post published whatever its mutated neighbours hold", () => {
    const good = generatePost(1000);
    fc.assert(
      fc.property(fc.array(mutatedPost, { minLength: 1, maxLength: 6 }), (posts) => {
        const results = posts.map((bytes, index) => buildArticle({ path: `posts/${index}.txt`, bytes }, { timeZone: "Asia/Shanghai" }));
        results.push(buildArticle({ path: `posts/${good.fileName}`, bytes: encoder.encode(good.text) }, { timeZone: "Asia/Shanghai" }));
        const outcome = collectArticles(results);
        expect(outcome.articles.some((article) => article.title === results.at(-1)!.article!.title)).toBe(true);
        expect(outcome.published + outcome.skipped).toBe(results.length);
      }),
      { numRuns: 80 },
    );
  });
});
