/** The longest summary, in UTF-16 code units (so also at most this many code points and graphemes). */
export const SUMMARY_LENGTH = 140;

/**
 * How far past the cut the segmenter reads. UAX #29 decides each grapheme boundary from the text before it
 * and the one character after it (no rule looks further ahead, and ICU's grapheme rules have no lookahead),
 * so in `text.slice(0, SUMMARY_LENGTH + 1)` every boundary before the end is where it is in the whole text,
 * and the one grapheme the slice may cut short ends past the last place a cut can end. The spare units
 * cost nothing and leave room to spare; test/builder/html/cut-summary-text.property.test.ts checks the cut
 * against segmenting the whole text.
 */
const SEGMENTED_LENGTH = SUMMARY_LENGTH + 16;

/** cutSummaryText gives the same for any two texts that agree in this many first code units (or are equal): a caller may stop collecting text there. */
export const SUMMARY_TEXT_NEEDED = SEGMENTED_LENGTH + 1;

/** Characters dropped from the end of a cut summary before the ellipsis: a pause mark or an opening bracket before "…" reads badly. */
const TRAILING_PAUSE = /[\s,;:，、；：（(《「『“‘【\[-]+$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Text made only of characters that are a grapheme on their own whatever stands around them (Grapheme_Cluster_Break
 * Other: printable ASCII, Latin, general punctuation, CJK ideographs, kana and fullwidth forms, leaving out
 * the combining marks among them, U+302A-U+302F, U+3099-U+309A and U+FF9E-U+FF9F): every code unit of it is a
 * boundary, so it is cut by slicing. Chinese news is almost always all such text, and the segmenter is one
 * of the dearest steps of a post's build.
 */
const ONE_GRAPHEME_PER_UNIT =
  /^[\x20-\x7E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u3000-\u3029\u3030-\u303F\u3041-\u3096\u309B-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF9D]*$/;

/** Cuts text to at most `SUMMARY_LENGTH` code units on a grapheme boundary, ending in "…" when cut. */
export function cutSummaryText(text: string): string {
  if (text.length <= SUMMARY_LENGTH) return text;
  const head = text.slice(0, SEGMENTED_LENGTH);
  if (ONE_GRAPHEME_PER_UNIT.test(head)) return `${head.slice(0, SUMMARY_LENGTH - 1).replace(TRAILING_PAUSE, "")}…`;
  let cut = "";
  // Only the head is segmented: the cut never looks past it, and segmenting costs by the character.
  for (const { segment } of graphemes.segment(head)) {
    if (cut.length + segment.length > SUMMARY_LENGTH - 1) break; // one unit stays free for the ellipsis
    cut += segment;
  }
  return `${cut.replace(TRAILING_PAUSE, "")}…`;
}
