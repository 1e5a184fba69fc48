import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutSummaryText } from "../../../src/builder/html/cut-summary-text";
import { parseHtmlTree } from "../../../src/builder/html/parse-html-tree";
import { toXmlText } from "../../../src/builder/html/sanitize-html";
import { summarizeFragment } from "../../../src/builder/html/summarize";

/** The summary as it was made before summarizeFragment stopped early: every collected line cleaned, then joined and cut. */
function summarizeEveryLine(lines: string[], skipLines: readonly RegExp[]): string {
  const paragraphs = lines
    .flatMap((line) => line.split(/[\r\n]+/))
    .map((line) => toXmlText(line).replace(/[\s\u200B]+/g, " ").trim())
    .filter((line) => line !== "");
  const first = paragraphs[0];
  if (first !== undefined && skipLines.some((pattern) => pattern.test(first))) paragraphs.shift();
  return cutSummaryText(paragraphs.join(" "));
}

/** Pieces of paragraph text: CJK, Latin, whitespace of every kind, combining marks, controls, emoji. */
const PIECES = ["原标题：", "国资委行动方案", "　　", " ", "\n", "\r\n", "\u200B", "word", "e\u0301", "\u0085", "😀", "，", "a".repeat(60), "新".repeat(70)];

describe("summarizeFragment", () => {
  it("gives the summary that cleaning every collected line gives, though it stops once the cut is decided", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join("")), { maxLength: 10 }),
        fc.boolean(),
        (paragraphs, skipLead) => {
          const skipLines = skipLead ? [/^原标题/] : [];
          const html = paragraphs.map((paragraph) => `<p>${paragraph.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`).join("");
          const root = parseHtmlTree(html);
          const lines = [""];
          for (let node = root.firstChild; node !== null; node = node.nextSibling) lines.push("", node.textContent ?? "", "");
          expect(summarizeFragment(root, skipLines)).toBe(summarizeEveryLine(lines, skipLines));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
