// Where folding may change a character: a cover, in few ranges, of every character Unicode says changes
// when case-folded or lowercased (Changes_When_Casefolded, Changes_When_Lowercased: capitals, ß, ς, ſ,
// ligatures, Cherokee, and in the astral planes Deseret to Adlam, whose surrogates are U+D801–D83A, halves
// taken alike so a pair is never split), plus full-width digits and small letters. Lowercase ASCII, Chinese
// and full-width punctuation are outside. A character the cover takes in needlessly (×, é) maps to itself,
// but for dotless ı, which becomes i (so a word typed with i finds ı too);
// test/worker/feeds/fold-for-search.test.ts checks every code point against the two properties. Pairs of
// first and last code unit.
const CHANGING_RANGES = [
  0x0041, 0x005a, 0x00b5, 0x00df, 0x0100, 0x024e, 0x0345, 0x0345, 0x0370, 0x042f, 0x0460, 0x0556, 0x0587, 0x0587, 0x10a0, 0x10cd,
  0x13a0, 0x13fd, 0x1c80, 0x1cbf, 0x1e00, 0x1ffc, 0x2126, 0x2132, 0x2160, 0x2183, 0x24b6, 0x24cf, 0x2c00, 0x2c2f,
  0x2c60, 0x2cf2, 0xa640, 0xa69a, 0xa722, 0xa7f5, 0xab70, 0xabbf, 0xd801, 0xd83a, 0xdc00, 0xdfff, 0xfb00, 0xfb17,
  0xff10, 0xff19, 0xff21, 0xff3a, 0xff41, 0xff5a,
];

// CHANGING_RANGES as one flag per code unit, built once per isolate (64 KiB): a lookup per character.
const CHANGING = new Uint8Array(0x10000);
for (let range = 0; range < CHANGING_RANGES.length; range += 2) CHANGING.fill(1, CHANGING_RANGES[range]!, CHANGING_RANGES[range + 1]! + 1);

// What JavaScript's case mappings leave apart and full case folding (CaseFolding.txt, statuses C and F)
// makes one: final sigma (ς folds to σ) and ß, which ẞ lowercases to and which folds to "ss".
const AFTER_CASE_MAPPING = /[ςß\uff10-\uff19\uff41-\uff5a]/g;

// Full-width digits and (lowercased) Latin letters, U+FF10–FF19 and U+FF41–FF5A, become ASCII: what NFKC does
// to them (their <wide> decompositions) and nothing else of NFKC, whose other mappings (① → 1, ㍿ → 株式会社,
// superscripts) would join what a reader sees as different text. Chinese input methods in full-width mode
// type "Ａ股" and "５Ｇ", and Chinese news carries both forms of the same word (GB/T 15834 asks for half-width;
// not every newsroom does). Full-width punctuation (，：（）) stays as it is: Chinese text is full of it and
// nobody filters by it.
const FULL_WIDTH_OFFSET = 0xff10 - 0x30;

// Case mappings can decompose (ΐ uppercases to Ϊ́, three code points), so a changed run, with the
// combining marks after it, is composed again.
const COMBINING_MARK = /[\u0300-\u036f]/;

// Characters that folding neither changes nor produces from anything else in NFC text: CJK symbols and
// punctuation (U+3000–303F), kana, CJK ideographs, Hangul syllables. (Full-width "，" is not folded, but
// nothing here needs it.)
const UNSTABLE = /[^\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]/u;

/**
 * Folds NFC text for case-insensitive substring search: Unicode full case folding (each changed run mapped
 * to uppercase then lowercase, which gives CaseFolding.txt's classes but for ı, which joins i), full-width
 * Latin letters and digits as ASCII, and NFC again where a mapping decomposed. Two spellings that differ
 * only in case or width fold to the same string; a word typed in NFD must be normalized to NFC first
 * (parseFilterWords does).
 */
export function foldForSearch(text: string): string {
  // A loop over code units with a table, not a regular expression: irregexp scans a class of thirty ranges
  // at ~10 ns a character, several times this loop; text without a changing character is returned as it is.
  let folded = "";
  let copied = 0;
  for (let index = 0; index < text.length; index++) {
    if (!mayChange(text.charCodeAt(index))) continue;
    let end = index + 1;
    // Combining marks join the run: "J̌" (no precomposed form) must fold to ǰ, as ǰ does.
    while (end < text.length && (mayChange(text.charCodeAt(end)) || isCombiningMark(text.charCodeAt(end)))) end++;
    folded += text.slice(copied, index) + foldRun(text.slice(index, end));
    copied = end;
    index = end;
  }
  return copied === 0 ? text : folded + text.slice(copied);
}

function isCombiningMark(code: number): boolean {
  return code >= 0x0300 && code <= 0x036f;
}

/** Whether folding may change the code unit (CHANGING_RANGES). */
function mayChange(code: number): boolean {
  return CHANGING[code] === 1;
}

function foldRun(run: string): string {
  const mapped = run.toUpperCase().toLowerCase().replace(AFTER_CASE_MAPPING, foldCharacter);
  return COMBINING_MARK.test(mapped) ? mapped.normalize("NFC") : mapped;
}

function foldCharacter(character: string): string {
  if (character === "ς") return "σ";
  if (character === "ß") return "ss";
  return String.fromCharCode(character.charCodeAt(0) - FULL_WIDTH_OFFSET);
}

/**
 * Whether a folded word is made only of characters that folding neither changes nor produces from others
 * (Chinese, Japanese kana, Hangul syllables and CJK punctuation): such a word is found in NFC text exactly
 * where it is found in the folded text, so the text need not be folded.
 */
export function isFoldStable(foldedWord: string): boolean {
  return !UNSTABLE.test(foldedWord);
}
