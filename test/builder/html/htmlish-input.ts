import fc from "fast-check";

const TAG_NAMES = [
  "p", "a", "img", "div", "span", "b", "strong", "table", "td", "tr", "li", "ul", "br", "figure", "figcaption",
  "pre", "script", "SCRIPT", "ScRiPt", "style", "iframe", "frame", "object", "embed", "form", "input", "button",
  "base", "meta", "link", "svg", "math", "mtext", "mglyph", "noscript", "template", "textarea", "title", "xmp",
  "select", "option", "details", "video", "source", "body", "html", "foo-bar", "x",
];

const ATTRIBUTE_NAMES = [
  "href", "HREF", "src", "SrC", "cite", "onerror", "onclick", "ONLOAD", "onmouseover", "style", "srcdoc",
  "formaction", "action", "xlink:href", "data", "background", "target", "title", "alt", "width", "loading",
  "referrerpolicy", "http-equiv", "content", "srcset", "lang", "dir", "colspan",
];

/** Pieces that, put together, spell (obfuscated) script URLs as often as harmless ones. */
const URL_PIECES = [
  "javascript:", "JaVaScRiPt:", "java", "script", ":", "&colon;", "&#58;", "&#x3A;", "jav&#x09;ascript:",
  "&#14;", "&#x0A;", "&NewLine;", "&Tab;", " ", "\t", "\n", "\u0000", "\u0001", "\u000e", "\u007f", "vbscript:",
  "data:text/html,", "data:", "alert(1)", "http://", "https://", "//", "mailto:", "x.example/", "a.png", "?a=1&b=2",
  "\"", "'", "<", ">", "&", "&amp;", "&quot;", "&#0;", "&#xD800;", "\uD800", "\uFFFE", "é", "e\u0301", "　",
];

const TEXT_PIECES = [
  "text", "中文", "　　", " ", "\n", "&amp;", "&lt;", "&gt;", "&#0;", "&#x1;", "&#xFFFE;", "&#128512;", "&nbsp;",
  "<", ">", "&", "\u0000", "\u0008", "\u000b", "\uFFFF", "\uDC00", "<!--", "-->", "<![CDATA[", "]]>", "<?xml", "?>",
  "<!DOCTYPE html>", "javascript:alert(1)", "</", "/>", "=", "\"", "'", "\u0338", "e\u0301",
];

const attributeValue = fc.array(fc.constantFrom(...URL_PIECES), { maxLength: 6 }).map((pieces) => pieces.join(""));
const attribute = fc
  .tuple(fc.constantFrom(...ATTRIBUTE_NAMES), attributeValue, fc.constantFrom('"', "'", ""))
  .map(([name, value, quote]) => ` ${name}=${quote}${value}${quote}`);
const openTag = fc
  .tuple(fc.constantFrom(...TAG_NAMES), fc.array(attribute, { maxLength: 4 }), fc.constantFrom("", "/", " /"))
  .map(([name, attributes, close]) => `<${name}${attributes.join("")}${close}>`);
const closeTag = fc.constantFrom(...TAG_NAMES).map((name) => `</${name}>`);
const text = fc.oneof(fc.constantFrom(...TEXT_PIECES), fc.string({ maxLength: 8, unit: "binary" }));

/** HTML-ish input: a mix of tags with hostile attributes, entities, control characters and stray markup. */
export const htmlish = fc.array(fc.oneof(openTag, openTag, closeTag, text), { maxLength: 30 }).map((tokens) => tokens.join(""));
