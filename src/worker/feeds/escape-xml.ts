// XML 1.0 §2.2: Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// Everything else (C0 controls, lone surrogates, U+FFFE/U+FFFF) makes a document ill-formed, so it is dropped.
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const INVALID_CHARACTERS = new RegExp(INVALID_CHARACTER.source, "gu");

// `\r` becomes a character reference because a parser would otherwise normalize it to `\n` (XML 1.0 §2.11).
const SPECIAL_CHARACTERS = /[&<>"'\r]/g;

const REFERENCES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "\r": "&#13;",
};

/**
 * Escapes text for XML character data or a quoted attribute value: `& < > " '` become references and
 * characters XML 1.0 forbids are removed, so any string gives well-formed output (`]]>` included).
 */
export function escapeXml(text: string): string {
  // Fast path: most strings (URLs, dates, plain titles) need neither pass.
  const valid = INVALID_CHARACTER.test(text) ? text.replace(INVALID_CHARACTERS, "") : text;
  return valid.replace(SPECIAL_CHARACTERS, (character) => REFERENCES[character] ?? character);
}
