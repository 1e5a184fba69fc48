import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFrontMatter } from "../../../src/builder/post/read-front-matter";

/** How the front matter was split before delimiters were found by pattern: the whole file cut into lines. */
function splitByLines(text: string): { yamlText: string; body: string } | "no front matter" | "not closed" {
  const leading = /^(?:[ \t]*\n)*/.exec(text)?.[0] ?? "";
  const lines = text.slice(leading.length).split("\n");
  if (!/^---[ \t]*$/.test(lines[0] ?? "")) return "no front matter";
  const closing = lines.findIndex((line, index) => index > 0 && /^---[ \t]*$/.test(line));
  if (closing === -1) return "not closed";
  return { yamlText: lines.slice(1, closing).join("\n"), body: lines.slice(closing + 1).join("\n") };
}

const LINES = ["---", "--- ", "---\t", "----", " ---", "---x", "", " ", "title: a", "tags: [b]", "<p>body</p>", "--", "x---"];

describe("readFrontMatter", () => {
  it("splits the YAML from the body exactly where cutting the file into lines does", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 12 }), fc.boolean(), (lines, trailingNewline) => {
        const text = lines.join("\n") + (trailingNewline ? "\n" : "");
        const expected = splitByLines(text);
        const actual = readFrontMatter(text);
        if (typeof expected === "string") {
          expect(actual.ok).toBe(false);
          if (!actual.ok) expect(actual.message).toContain(expected);
        } else if (actual.ok) {
          expect({ yamlText: actual.yamlText, body: actual.body }).toEqual(expected);
        } else {
          // Only YAML that does not parse, or is not keys and values, may fail once split.
          expect(actual.message).toMatch(/YAML|keys and values/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
