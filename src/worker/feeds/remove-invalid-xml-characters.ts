// XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. Outside it:
// C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF; surrogates not in a pair.
// Anything that might need removing: those controls, U+FFFE, U+FFFF, or any surrogate (paired or not).
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// Without the `u` flag, so a surrogate pair (an emoji) matches neither lone-surrogate branch.
const INVALID_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes the characters XML 1.0 cannot carry at all (not even as references), returning the rest unchanged. */
export function removeInvalidXmlCharacters(text: string): string {
  // One cheap scan first: the full pattern's lookarounds cost ten times as much on long CJK bodies, and
  // nearly all text has no control characters and no astral characters (one class, not two scans: each
  // scan of a body was a tenth of a render).
  if (!SUSPECT.test(text)) return text;
  return text.replace(INVALID_CHARACTERS, "");
}
