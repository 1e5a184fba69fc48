import { countCommonChineseCharacters } from "./common-chinese-characters";

/** The text of a post file and the encoding it was read in. */
export type DecodedPostText =
  | { ok: true; text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "big5" }
  | { ok: false; reason: string; line?: number };

/** Decodes one label in fatal mode: undefined when the bytes are not valid in that encoding. */
function decodeStrictly(bytes: Uint8Array, label: string): string | undefined {
  try {
    // ignoreBOM: the caller has already looked at (and skipped) any byte order mark.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Han characters (CJK Unified Ideographs, extensions and compatibility forms), for the share of common ones. */
const HAN = /[\u3400-\u9FFF\uF900-\uFAFF\u{20000}-\u{3FFFF}]/gu;

/**
 * In real Chinese prose the few hundred most frequent characters make up most of the text (about three
 * quarters); bytes read with the wrong encoding give characters spread over the whole table. A reading
 * below this share is not trusted.
 */
const MINIMUM_COMMON_SHARE = 0.25;

/**
 * Mostly valid UTF-8 with a few bad sequences (a truncated scrape, one stray Latin-1 byte) is broken UTF-8,
 * not GBK: GBK or Big5 bytes read as UTF-8 give far more bad sequences than good multi-byte characters.
 * Returns the count of bad sequences and the line of the first, or undefined when the bytes do not look
 * like UTF-8 at all.
 */
function findBrokenUtf8(bytes: Uint8Array): { bad: number; line: number } | undefined {
  const lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
  let bad = 0;
  let good = 0;
  for (const character of lossy) {
    if (character === "\uFFFD") bad++;
    else if (character.codePointAt(0)! > 0x7f) good++;
  }
  if (bad === 0 || good < 4 * bad) return undefined;
  const line = lossy.slice(0, lossy.indexOf("\uFFFD")).split(/\r\n?|\n/).length;
  return { bad, line };
}

/**
 * Bytes with NULs in most even or most odd positions are UTF-16 text (ASCII letters get a zero high byte),
 * even without a byte order mark: read as UTF-8 they would be text full of NULs.
 */
function guessUtf16WithoutMark(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const sample = bytes.subarray(0, 4096);
  if (sample.length < 4 || sample.length % 2 !== 0) return undefined;
  // Text with no zero byte is no UTF-16 of any script, and nearly every post is such text: one native scan.
  if (sample.indexOf(0) === -1) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < sample.length; index++) {
    if (sample[index] === 0) index % 2 === 0 ? evenZeros++ : oddZeros++;
  }
  const half = sample.length / 2;
  if (oddZeros > half * 0.3 && evenZeros < half * 0.05) return "utf-16le";
  if (evenZeros > half * 0.3 && oddZeros < half * 0.05) return "utf-16be";
  return undefined;
}

/** LF line endings only: CRLF and lone CR (old Mac files) become LF. */
function normalizeNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/**
 * Decodes a post file's bytes: UTF-8 (with or without BOM), UTF-16 (with a BOM, or plainly), or, failing UTF-8,
 * GB18030 or Big5 (both common in Chinese scrapes), whichever reads as more common Chinese text.
 * Never guesses into mojibake: when no reading is convincing it returns a reason instead of text.
 */
export function decodePostText(bytes: Uint8Array): DecodedPostText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeStrictly(bytes.subarray(3), "utf-8");
    if (text === undefined) return { ok: false, reason: "starts with a UTF-8 byte order mark but is not valid UTF-8" };
    return { ok: true, text: normalizeNewlines(text), encoding: "utf-8" };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const encoding = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    const text = decodeStrictly(bytes.subarray(2), encoding);
    if (text === undefined) return { ok: false, reason: `starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()}` };
    return { ok: true, text: normalizeNewlines(text), encoding };
  }
  const utf16 = guessUtf16WithoutMark(bytes);
  if (utf16 !== undefined) {
    const text = decodeStrictly(bytes, utf16);
    if (text !== undefined) return { ok: true, text: normalizeNewlines(text), encoding: utf16 };
  }
  const utf8 = decodeStrictly(bytes, "utf-8");
  if (utf8 !== undefined) return { ok: true, text: normalizeNewlines(utf8), encoding: "utf-8" };
  const broken = findBrokenUtf8(bytes);
  if (broken !== undefined) {
    return {
      ok: false,
      line: broken.line,
      reason: `is UTF-8 with ${broken.bad} invalid byte sequence${broken.bad === 1 ? "" : "s"} (the first on line ${broken.line}); fix or re-save it as UTF-8`,
    };
  }

  // GB18030 accepts almost any byte sequence and Big5 bytes are mostly valid GBK too, so "decodes without
  // error" alone cannot choose: score each reading by how much of it is everyday Chinese.
  const readings: { encoding: "gb18030" | "big5"; text: string; score: number }[] = [];
  for (const encoding of ["gb18030", "big5"] as const) {
    const text = decodeStrictly(bytes, encoding);
    if (text !== undefined && !text.includes("\uFFFD")) {
      const score = countCommonChineseCharacters(text);
      const han = text.match(HAN)?.length ?? 0;
      if (han > 0 && score >= han * MINIMUM_COMMON_SHARE) readings.push({ encoding, text, score });
    }
  }
  readings.sort((first, second) => second.score - first.score);
  const [best, runnerUp] = readings;
  if (best === undefined) {
    return { ok: false, reason: "is not valid UTF-8 and does not read as Chinese text in GB18030 or Big5; save it as UTF-8" };
  }
  if (runnerUp !== undefined && runnerUp.score === best.score) {
    return { ok: false, reason: "is not valid UTF-8 and its encoding cannot be told (GB18030 or Big5?); save it as UTF-8" };
  }
  return { ok: true, text: normalizeNewlines(best.text), encoding: best.encoding };
}
