import { isWellFormed } from "./is-well-formed";

// XML 1.0 §2.2: "Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]". Outside it:
// C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF; surrogates not in a pair.
const FORBIDDEN_SINGLE_CHARACTERS = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF";
// Without the `u` flag, so a surrogate pair (an emoji) matches neither lone-surrogate branch.
const LONE_SURROGATE = "[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]";

/**
 * A function that removes the characters XML 1.0 forbids and those of `alsoRemoved` (the inside of a regular
 * expression character class, e.g. `\\u007F-\\u009F`), returning text with none of them unchanged.
 */
export function xmlCharacterRemover(alsoRemoved = ""): (text: string) => string {
  const singles = new RegExp(`[${FORBIDDEN_SINGLE_CHARACTERS}${alsoRemoved}]`);
  const all = new RegExp(`[${FORBIDDEN_SINGLE_CHARACTERS}${alsoRemoved}]|${LONE_SURROGATE}`, "g");
  // Two cheap scans first: this runs on every text node the builder cleans and on every string a feed
  // writes, nearly all of it clean, and the full pattern's lookarounds are dear on long CJK text.
  return (text) => (singles.test(text) || !isWellFormed(text) ? text.replace(all, "") : text);
}

/** Removes the characters XML 1.0 cannot carry at all (not even as references), returning the rest unchanged. */
export const removeInvalidXmlCharacters = xmlCharacterRemover();
