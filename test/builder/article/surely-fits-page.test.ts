import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { surelyFitsPage } from "../../../src/builder/article/surely-fits-page";
import { PAGE_ITEM_MAX_BYTES } from "../../../src/model/kv-limits";
import { utf8ByteLength } from "../../../src/model/utf8-byte-length";
import { makeArticle } from "../../support/make-article";

describe("surelyFitsPage", () => {
  it("says so of an ordinary article", () => {
    expect(surelyFitsPage(makeArticle(1, { contentHtml: "<p>段落</p>".repeat(200) }))).toBe(true);
  });

  it("never says so of an article whose JSON is past the limit", () => {
    // Text that JSON writes at 6 bytes a unit (controls), at 3 (CJK), at 1, and surrogate pairs at 2 a unit.
    const unit = fc.constantFrom("\u0001", "中", "a", "\"", "😀", "\u2028");
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 300 }), fc.integer({ min: 1, max: 6 * PAGE_ITEM_MAX_BYTES }), (units, repeat) => {
        const text = units.join("");
        const article = makeArticle(1, { contentHtml: text.repeat(Math.max(1, Math.floor(repeat / Math.max(1, text.length)))) });
        if (surelyFitsPage(article)) expect(utf8ByteLength(JSON.stringify(article))).toBeLessThanOrEqual(PAGE_ITEM_MAX_BYTES);
      }),
      { numRuns: 200 },
    );
  });

  it("does not say so of an article near the limit", () => {
    expect(surelyFitsPage(makeArticle(1, { contentHtml: "a".repeat(Math.ceil(PAGE_ITEM_MAX_BYTES / 6)) }))).toBe(false);
  });
});
