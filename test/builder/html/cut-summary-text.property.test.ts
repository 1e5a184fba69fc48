import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutSummaryText, SUMMARY_LENGTH } from "../../../src/builder/html/cut-summary-text";

// The cut as it was before only the head was segmented: Intl.Segmenter over the whole text.
const wholeTextGraphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
function cutSegmentingWholeText(text: string): string {
  if (text.length <= SUMMARY_LENGTH) return text;
  let cut = "";
  for (const { segment } of wholeTextGraphemes.segment(text)) {
    if (cut.length + segment.length > SUMMARY_LENGTH - 1) break;
    cut += segment;
  }
  return `${cut.replace(/[\s,;:，、；：（(《「『“‘【\[-]+$/u, "")}…`;
}

/** Pieces whose grapheme boundaries depend on context: what a cut at the wrong place would split. */
const PIECES = [
  "a", "中", "，", " ", "（", "\r\n", "\r", "\n",
  "\u0301", "e\u0301", "\u0300\u0301\u0302", "\u0301".repeat(30), // combining marks, a 30-mark run
  "👨\u200D👩\u200D👧\u200D👦", "🏳️\u200D🌈", "\u200D", "👍🏽", "🏽", "❤️", "\uFE0F", // ZWJ sequences, modifiers
  "🇨🇳", "🇨", "🇳", "🇺🇸🇯🇵", // regional indicators: pairs and odd runs
  "\u1100\u1161\u11A8", "\u1100", "\u1161", "\u11A8", "가", "\uAC00\u11A8", // Hangul syllables and jamo
  "क्ष", "\u094D", "क", "\u0915\u094D\u200D\u0937", // Devanagari conjuncts (GB9c)
  "\u0600", "\u0600a", // a prepended concatenation mark (GB9b)
  "\uD83D", "\uDE00", "😀", "𠀀", // lone surrogates and astral characters
  "\u0E33", "\u0E01\u0E33", // a spacing mark (GB9a)
  "\u302A", "\u3029\u302F", "\u3099", "か\u309A", "\uFF9E", "\uFF9F", "\u00AD", "\u0300", // combining marks at the fast path's edges
  "‼\uFE0F", "\u200C", "\u200B", "\u2028", "\u205F", "\u3030", "ｱ", // text next to them
];

/** A filler that brings the interesting pieces near the cut, then pieces. */
const text = fc
  .tuple(
    fc.integer({ min: 90, max: 150 }).map((length) => "字".repeat(length)),
    fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 120 }),
    fc.string({ unit: "binary", maxLength: 60 }),
  )
  .map(([filler, pieces, random]) => filler + pieces.join("") + random);

describe("cutSummaryText", () => {
  it("cuts exactly where segmenting the whole text cuts, for text full of multi-unit graphemes", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(cutSummaryText(value)).toBe(cutSegmentingWholeText(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it("cuts exactly where segmenting the whole text cuts, for any random text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", minLength: 100, maxLength: 400 }), fc.string({ unit: "binary", minLength: 100, maxLength: 400 })), (value) => {
        expect(cutSummaryText(value)).toBe(cutSegmentingWholeText(value));
      }),
      { numRuns: 5_000 },
    );
  });

  it("cuts where segmenting cuts with any BMP code unit twice at the cut, so no joining character is taken for a lone one", () => {
    const mismatches: string[] = [];
    let joining = 0;
    for (let unit = 0; unit <= 0xffff; unit++) {
      const character = String.fromCharCode(unit);
      // A unit that stays a grapheme on its own here is cut alike either way; only the others can tell.
      if ([...wholeTextGraphemes.segment(`字${character}${character}字`)].length === 4) continue;
      joining++;
      const value = `${"字".repeat(SUMMARY_LENGTH - 2)}${character}${character}${"字".repeat(20)}`;
      if (cutSummaryText(value) !== cutSegmentingWholeText(value)) mismatches.push(unit.toString(16));
    }
    expect(mismatches).toEqual([]);
    expect(joining).toBeGreaterThan(1000); // 1,712 with ICU 78: combining marks, jamo, CR/LF, regional indicators, format characters: the check ran
  });

  it("keeps a grapheme that straddles the cut out of the summary whole", () => {
    const family = "👨\u200D👩\u200D👧\u200D👦"; // 11 code units, one grapheme
    const value = `${"字".repeat(135)}${family}${"字".repeat(50)}`;
    expect(cutSummaryText(value)).toBe(`${"字".repeat(135)}…`);
  });
});
