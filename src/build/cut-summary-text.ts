/** The longest summary, in UTF-16 code units (so also at most this many code points and graphemes). */
export const SUMMARY_LENGTH = 140;

/**
 * How far past the cut the segmenter reads. UAX #29 decides each grapheme boundary from the text before it
 * and the one character after it (no rule looks further ahead, and ICU's grapheme rules have no lookahead),
 * so in `text.slice(0, SUMMARY_LENGTH + 1)` every boundary before the end is where it is in the whole text,
 * and the one grapheme the slice may cut short ends past the last place a cut can end. The spare units
 * cost nothing and leave room to spare; test/build/cut-summary-text.property.test.ts checks the cut
 * against segmenting the whole text.
 */
const SEGMENTED_LENGTH = SUMMARY_LENGTH + 16;

/** Characters dropped from the end of a cut summary before the ellipsis: a pause mark or an opening bracket before "…" reads badly. */
const TRAILING_PAUSE = /[\s,;:，、；：（(《「『“‘【\[-]+$/u;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Cuts text to at most `SUMMARY_LENGTH` code units on a grapheme boundary, ending in "…" when cut. */
export function cutSummaryText(text: string): string {
  if (text.length <= SUMMARY_LENGTH) return text;
  let cut = "";
  // Only the head is segmented: walking all of a ~500-character text was a seventh of a post's build.
  for (const { segment } of graphemes.segment(text.slice(0, SEGMENTED_LENGTH))) {
    if (cut.length + segment.length > SUMMARY_LENGTH - 1) break; // one unit stays free for the ellipsis
    cut += segment;
  }
  return `${cut.replace(TRAILING_PAUSE, "")}…`;
}
