/**
 * What published text never carries. XML 1.0 §2.2 forbids: "Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] |
 * [#xE000-#xFFFD] | [#x10000-#x10FFFF]", so C0 controls other than tab, LF and CR, lone surrogates (a pair is
 * a valid astral character), U+FFFE and U+FFFF. Also removed: DEL and the C1 controls (U+007F–U+009F), which
 * XML 1.0 discourages and HTML calls parse errors (the W3C feed validator reports them as invalid HTML), and
 * U+FFFD, which only ever marks text a decoder or an entity like `&#0;` already lost ("bad characters").
 */
const REMOVED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REMOVED_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]/;

/** `String.prototype.isWellFormed` (ES2024; Node 20+), which the project's ES2023 lib does not declare. */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** Removes the characters published text never carries and normalizes to NFC; `removed` tells whether anything was taken out. */
export function cleanXmlText(text: string): { text: string; removed: boolean } {
  // Two cheap scans first: this runs on every text node, the full pattern's lookarounds cost ten times as
  // much on long CJK text, and nearly all text is clean.
  const cleaned = REMOVED_CONTROL.test(text) || !isWellFormed(text) ? text.replace(REMOVED, "") : text;
  return { text: cleaned.normalize("NFC"), removed: cleaned.length !== text.length };
}
