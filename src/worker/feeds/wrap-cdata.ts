import { removeInvalidXmlCharacters } from "../../model/remove-invalid-xml-characters";

/**
 * Wraps text (an article's HTML body) in a CDATA section for RSS `content:encoded` and Atom `content`,
 * splitting any `]]>` in it across two sections and dropping characters XML 1.0 forbids.
 */
export function wrapCdata(text: string): string {
  // XML 1.0 §2.7: a CDATA section ends at the first `]]>`, so `a]]>b` is written `a]]]]><![CDATA[>b`: the
  // first section ends with `]]`, the second starts with `>`. A body is kilobytes of markup, and one scan for
  // `]]>` costs a fraction of escaping every `<`, `>` and `"` in it (and keeps the bytes readable).
  return `<![CDATA[${removeInvalidXmlCharacters(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
