import { cleanXmlText } from "../../model/clean-xml-text";
import { lookupTable } from "../../model/lookup-table";
import { ELEMENT_NODE, TEXT_NODE, type HtmlElement, type HtmlNode } from "./html-node";
import { parseHtmlTree } from "./parse-html-tree";

/**
 * The allowlist: every element that may appear in a published body and the attributes it may carry (beyond
 * `GLOBAL_ATTRIBUTES`). Anything else is either dropped with its content (`DROPPED_WITH_CONTENT`) or replaced
 * by its children, so its text survives but the element does not.
 */
const ALLOWED_ELEMENTS: Readonly<Record<string, readonly string[]>> = lookupTable({
  // No `target`: a link opens where the reader opens it, so no window.opener to protect and no `rel` added.
  a: ["href", "hreflang"],
  abbr: [],
  b: [],
  bdi: [],
  blockquote: ["cite"],
  br: [],
  caption: [],
  cite: [],
  // Only `class="language-…"` (see CODE_LANGUAGE_CLASS): the one class readers and highlighters read.
  code: ["class"],
  col: ["span"],
  colgroup: ["span"],
  dd: [],
  del: ["cite", "datetime"],
  dfn: [],
  div: [],
  dl: [],
  dt: [],
  em: [],
  figcaption: [],
  figure: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  hr: [],
  i: [],
  img: ["src", "alt", "width", "height", "loading", "referrerpolicy", "decoding"],
  ins: ["cite", "datetime"],
  kbd: [],
  li: ["value"],
  mark: [],
  ol: ["start", "reversed", "type"],
  p: [],
  pre: [],
  q: ["cite"],
  rp: [],
  rt: [],
  ruby: [],
  s: [],
  samp: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  sup: [],
  table: [],
  tbody: [],
  td: ["colspan", "rowspan"],
  tfoot: [],
  th: ["colspan", "rowspan", "scope"],
  thead: [],
  time: ["datetime"],
  tr: [],
  u: [],
  ul: [],
  var: [],
  wbr: [],
});

/** Attributes any allowed element may carry. */
const GLOBAL_ATTRIBUTES: readonly string[] = ["title", "lang", "dir"];

/** Each allowed element's attributes and then the global ones: the order they are written in. */
const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = lookupTable(
  Object.fromEntries(Object.entries(ALLOWED_ELEMENTS).map(([tag, names]) => [tag, [...names, ...GLOBAL_ATTRIBUTES]])),
);

/**
 * Elements removed together with everything inside them: they run code, load frames or plugins, submit,
 * redirect, restyle the page, or hold foreign markup (SVG, MathML) whose parsing differs from HTML's and is
 * the root of mutation XSS. Their text is not article text either.
 */
const DROPPED_WITH_CONTENT = new Set([
  "script", "style", "noscript", "template", "iframe", "frame", "frameset", "noframes", "object", "embed",
  "applet", "param", "svg", "math", "base", "meta", "link", "title", "head", "textarea", "select", "option",
  "optgroup", "datalist", "button", "input", "keygen", "output", "xmp", "noembed", "plaintext", "listing",
  "canvas", "audio", "video", "source", "track", "map", "area", "portal", "fencedframe", "dialog", "slot",
]);

/** Whether the sanitizer drops an element together with its text (so a summary should not read that text). */
export function isDroppedWithContent(tag: string): boolean {
  return DROPPED_WITH_CONTENT.has(tag);
}

/** Attributes whose value is a URL: kept only when absolute http(s) (and mailto: for a link's href). */
const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);

/**
 * The language of a code block, as Markdown renderers write it and the HTML standard suggests ("a class
 * prefixed with `language-`", §4.5.15 the code element): `<pre><code class="language-js">`.
 */
export const CODE_LANGUAGE_CLASS = /^language-[A-Za-z0-9_+#.-]{1,40}$/;

/** Attributes whose value must match a pattern to be kept; other allowed attributes are free text. */
const ATTRIBUTE_PATTERNS: Readonly<Record<string, RegExp>> = lookupTable({
  class: CODE_LANGUAGE_CLASS,
  width: /^\d{1,5}$/,
  height: /^\d{1,5}$/,
  colspan: /^\d{1,4}$/,
  rowspan: /^\d{1,4}$/,
  span: /^\d{1,4}$/,
  start: /^-?\d{1,9}$/,
  value: /^-?\d{1,9}$/,
  reversed: /^(reversed)?$/i,
  type: /^[1aAiI]$/,
  scope: /^(row|col|rowgroup|colgroup)$/i,
  dir: /^(ltr|rtl|auto)$/i,
  lang: /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/,
  hreflang: /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/,
  loading: /^(lazy|eager)$/i,
  decoding: /^(async|sync|auto)$/i,
  referrerpolicy: /^(no-referrer|no-referrer-when-downgrade|origin|origin-when-cross-origin|same-origin|strict-origin|strict-origin-when-cross-origin|unsafe-url)$/i,
});

/**
 * Start tags that close an open element of another kind in an HTML parser (WHATWG HTML §13.2.6.4): a `<td>`
 * ends an open `<td>`, an `<li>` an open `<li>`, up to the element that opens a new scope (a nested table or
 * list); listed as the ends a tag implies and the boundary where the search for them stops.
 */
const IMPLIED_END_TAGS: Readonly<Record<string, { ends: readonly string[]; boundaries: readonly string[] }>> = lookupTable({
  tr: { ends: ["tr", "th", "td"], boundaries: ["table"] },
  th: { ends: ["th", "td"], boundaries: ["table"] },
  td: { ends: ["thead", "th", "td"], boundaries: ["table"] },
  tbody: { ends: ["thead", "tbody"], boundaries: ["table"] },
  tfoot: { ends: ["thead", "tbody"], boundaries: ["table"] },
  li: { ends: ["li"], boundaries: ["ul", "ol"] },
  dd: { ends: ["dd", "dt"], boundaries: ["dl"] },
  dt: { ends: ["dd", "dt"], boundaries: ["dl"] },
  rt: { ends: ["rt", "rp"], boundaries: ["ruby"] },
  rp: { ends: ["rt", "rp"], boundaries: ["ruby"] },
});

/** Allowed elements whose start tag closes an open `<p>` (WHATWG HTML §13.2.6.4.7). */
const CLOSES_PARAGRAPH = new Set([
  "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
  "ol", "p", "pre", "table", "ul",
]);

/** Elements serialized without an end tag, as `<br />`: fine in HTML and well-formed in XML. */
const VOID_ELEMENTS = new Set(["br", "col", "hr", "img", "wbr"]);

/** Text as XML 1.0 accepts it, in Unicode NFC (see cleanXmlText for what is removed). */
export function toXmlText(text: string): string {
  return cleanXmlText(text).text;
}

/** What escapeText replaces; most text (a paragraph of Chinese) has none of it and is returned as it is. */
const NEEDS_ESCAPING = /[&<>\u0338]/;

function escapeText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  // Every U+0338 as a reference: text after a tag's ">" that starts with it would compose with the ">" into
  // "≯" (U+226F) under NFC, which anything normalizing the whole document applies, and the tag would lose its
  // end. Escaping only a leading one is not stable: parsers split text at references, so the second of two
  // would lead a text node of its own when the output is sanitized again.
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u0338/g, "&#x338;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}

/**
 * The URL when it is absolute http(s) (or mailto: where allowed), normalized; undefined otherwise. The
 * WHATWG URL parser strips tabs, newlines and outer control characters exactly as browsers do, so
 * `jav&#x09;ascript:` and `&#14;javascript:` are seen as the javascript: URLs they are.
 */
export function safeUrl(value: string, allowMailto: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined; // relative or malformed: the cleaner has already made every good URL absolute
  }
  if (url.protocol === "http:" || url.protocol === "https:" || (allowMailto && url.protocol === "mailto:")) {
    return toXmlText(url.href);
  }
  return undefined;
}

function serializeAttributes(element: HtmlElement, tag: string): string | undefined {
  // Attribute names keep their source case in linkedom; HTML attribute names are case-insensitive, and the
  // first of duplicate attributes wins, as in the HTML parser.
  if (!element.hasAttributes()) return tag === "img" ? undefined : "";
  const sourceNames = element.getAttributeNames();
  const lowerNames = sourceNames.map((name) => name.toLowerCase());
  let output = "";
  // Allowlist order, not source order: the same content always serializes to the same bytes.
  for (const name of ALLOWED_ATTRIBUTES[tag] ?? GLOBAL_ATTRIBUTES) {
    const index = lowerNames.indexOf(name);
    if (index === -1) continue;
    const raw = element.getAttribute(sourceNames[index]!) ?? "";
    let value: string | undefined = toXmlText(raw);
    if (URL_ATTRIBUTES.has(name)) {
      value = safeUrl(value, tag === "a" && name === "href");
    } else {
      const pattern = ATTRIBUTE_PATTERNS[name];
      if (pattern !== undefined && !pattern.test(value)) value = undefined;
    }
    if (value === undefined) continue;
    output += ` ${name}="${escapeAttribute(value)}"`;
  }
  // An image without a usable source shows nothing but a broken icon: drop it.
  if (tag === "img" && !output.startsWith(' src="')) return undefined;
  return output;
}

/** Where an element is being written: the tags of its written ancestors, nearest last. */
type Ancestors = string[];

/** Whether an HTML parser would end one of the open ancestors at this start tag instead of nesting it. */
function isMisplaced(tag: string, ancestors: Ancestors): boolean {
  if (tag === "a") return ancestors.includes("a"); // "If the list of active formatting elements contains an a element…"
  const rule = IMPLIED_END_TAGS[tag];
  if (rule === undefined) return false;
  for (let index = ancestors.length - 1; index >= 0; index--) {
    const ancestor = ancestors[index]!;
    if (rule.ends.includes(ancestor)) return true;
    if (rule.boundaries.includes(ancestor)) return false;
  }
  return false;
}

/**
 * Serializes the children of a node; tells whether it wrote an element whose start tag closes an open `<p>`
 * in an HTML parser (so a caller that is a `<p>` writes itself as a `<div>` instead).
 */
function serializeChildren(parent: HtmlNode, output: string[], ancestors: Ancestors): boolean {
  let closesParagraph = false;
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE) {
      output.push(escapeText(toXmlText(child.nodeValue ?? "")));
    } else if (child.nodeType === ELEMENT_NODE) {
      if (serializeElement(child as HtmlElement, output, ancestors)) closesParagraph = true;
    }
    // Comments, processing instructions and doctypes never survive.
  }
  return closesParagraph;
}

function serializeElement(element: HtmlElement, output: string[], ancestors: Ancestors): boolean {
  const tag = element.localName.toLowerCase();
  if (DROPPED_WITH_CONTENT.has(tag)) return false;
  // Unknown or disallowed wrappers go but their text stays. So do children an HTML parser would not nest
  // where they are (a `<td>` in a `<td>`, a link in a link): written as they are, the output would parse into
  // another tree than the one checked here, and re-sanitizing would not give the same bytes.
  if (!(tag in ALLOWED_ELEMENTS) || isMisplaced(tag, ancestors)) return serializeChildren(element, output, ancestors);
  const attributes = serializeAttributes(element, tag);
  if (attributes === undefined) return false;
  const closesParagraph = CLOSES_PARAGRAPH.has(tag);
  if (VOID_ELEMENTS.has(tag)) {
    output.push(`<${tag}${attributes} />`);
    return closesParagraph;
  }
  const openIndex = output.push(`<${tag}${attributes}>`) - 1;
  ancestors.push(tag);
  const holdsBlock = serializeChildren(element, output, ancestors);
  ancestors.pop();
  if (tag === "p" && holdsBlock) {
    // "A p element's end tag may be omitted if [it] is immediately followed by [a block]": a paragraph
    // holding blocks would be split by any HTML parser, so it is written as the div it really is.
    output[openIndex] = `<div${attributes}>`;
    output.push("</div>");
    return true;
  }
  output.push(`</${tag}>`);
  // Browsers close an open `<p>` at a block start tag even through inline ancestors (`<p><span><div>`).
  return closesParagraph || holdsBlock;
}

/**
 * Serializes a parsed fragment through the allowlist: the well-formed, inert HTML of its allowed content.
 * Throws a clear Error (never returns the input) when the tree cannot be walked.
 */
export function sanitizeFragment(root: HtmlNode): string {
  const output: string[] = [];
  try {
    serializeChildren(root, output, []);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot sanitize the HTML body: ${reason}`);
  }
  return output.join("");
}

/**
 * Sanitizes HTML through an allowlist: nothing that can run code, load a frame, submit or redirect survives,
 * URLs are absolute http(s) (or mailto: links), and the output is well-formed. Fails closed: throws a clear
 * Error when the HTML cannot be parsed or walked.
 */
export function sanitizeHtml(html: string): string {
  if (typeof html !== "string") throw new Error("cannot sanitize the HTML body: it is not a string");
  return sanitizeFragment(parseHtmlTree(html));
}
