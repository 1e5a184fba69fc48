import { countCommonChineseCharacters } from "./common-chinese-characters";

/** The text of a post file and the encoding it was read in. */
export type DecodedPostText =
  | { ok: true; text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "big5" }
  | { ok: false; reason: string };

/** Decodes one label in fatal mode: undefined when the bytes are not valid in that encoding. */
function decodeStrictly(bytes: Uint8Array, label: string): string | undefined {
  try {
    // ignoreBOM: the caller has already looked at (and skipped) any byte order mark.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** LF line endings only: CRLF and lone CR (old Mac files) become LF. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * Decodes a post file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or, failing UTF-8,
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
  const utf8 = decodeStrictly(bytes, "utf-8");
  if (utf8 !== undefined) return { ok: true, text: normalizeNewlines(utf8), encoding: "utf-8" };

  // GB18030 accepts almost any byte sequence and Big5 bytes are mostly valid GBK too, so "decodes without
  // error" alone cannot choose: score each reading by how much of it is everyday Chinese.
  const readings: { encoding: "gb18030" | "big5"; text: string; score: number }[] = [];
  for (const encoding of ["gb18030", "big5"] as const) {
    const text = decodeStrictly(bytes, encoding);
    if (text !== undefined && !text.includes("\uFFFD")) {
      readings.push({ encoding, text, score: countCommonChineseCharacters(text) });
    }
  }
  readings.sort((first, second) => second.score - first.score);
  const [best, runnerUp] = readings;
  if (best === undefined) {
    return { ok: false, reason: "is not valid UTF-8, GB18030 or Big5; save it as UTF-8" };
  }
  if (best.score === 0 || (runnerUp !== undefined && runnerUp.score === best.score)) {
    return { ok: false, reason: "is not valid UTF-8 and its encoding cannot be told (GB18030 or Big5?); save it as UTF-8" };
  }
  return { ok: true, text: normalizeNewlines(best.text), encoding: best.encoding };
}
