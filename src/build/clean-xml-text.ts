/**
 * Characters XML 1.0 §2.2 forbids: "Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]".
 * So: C0 controls other than tab, LF and CR; lone surrogates (a pair is a valid astral character); U+FFFE and U+FFFF.
 */
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters XML 1.0 forbids and normalizes to NFC; `removed` tells whether anything was taken out. */
export function cleanXmlText(text: string): { text: string; removed: boolean } {
  const cleaned = text.replace(FORBIDDEN_IN_XML, "");
  return { text: cleaned.normalize("NFC"), removed: cleaned.length !== text.length };
}
