import { cleanXmlText } from "../../model/clean-xml-text";
import { classesOf, compileSelector, type ElementMatcher } from "./compile-selector";
import { DOCUMENT_TYPE_NODE, ELEMENT_NODE, TEXT_NODE, type HtmlElement, type HtmlNode } from "./html-node";
import { CODE_LANGUAGE_CLASS } from "./sanitize-html";
import { siteRulesFor } from "./site-rules-for";
import type { SiteRules } from "./sites/site-rules";

/** What the cleaner needs to know about a post. */
export interface CleanOptions {
  /** The post's original URL: relative URLs resolve against it, and its host picks the site rules. */
  sourceUrl?: string;
  /**
   * Where relative URLs resolve when the post names no source URL: a Hexo post's own URL at its site (its
   * permalink), against which its asset folder's files and the site's own paths are found.
   */
  baseUrl?: string;
  /** The site rules for a post without a source URL, by name (the `SOURCE_SITE` setting; default generic). */
  sourceSite?: string;
  /** Rules to use instead of the ones `siteRulesFor(sourceUrl, sourceSite)` picks. */
  rules?: SiteRules;
}

/** The rules the options pick. */
export function rulesOf(options: CleanOptions): SiteRules {
  return options.rules ?? siteRulesFor(options.sourceUrl, options.sourceSite);
}

/** A cleaned body and the editor line taken out of it. */
export interface CleanedArticle {
  html: string;
  /** The name on the editor line (`责任编辑：王珊珊` → `王珊珊`), when the body has one. */
  editor?: string;
}

/** Elements that start a block: whitespace between two of them is layout, not text. */
const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
  "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
  "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

/** Blocks whose content is running text: their leading indent and trailing spaces go. */
const TEXT_BLOCKS = new Set(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "dd", "dt", "caption", "blockquote"]);

/** Elements that are removed when nothing in them can be seen (no text, no image). */
const REMOVED_WHEN_EMPTY = new Set([
  "p", "div", "span", "figure", "figcaption", "strong", "b", "em", "i", "u", "s", "a", "font", "center",
  "section", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "small", "sup", "sub", "mark",
]);

/** Elements that are content by themselves, with no text in them. */
const CONTENT_ELEMENTS = new Set(["img", "hr", "table", "video", "audio", "picture"]);

/** Attributes holding a URL, made absolute (or dropped) by the cleaner. */
const URL_ATTRIBUTES = new Set(["href", "src", "cite", "poster"]);

/**
 * Whitespace, including the ideographic space U+3000 Sina uses as a paragraph indent ("　　") and the
 * zero-width space; an indent is the reader's stylesheet's business (`text-indent`), not text.
 */
const BLANK = /^[\s\u200B]*$/;

/** Trims blanks at one end (`String#trim*` covers `\s`, U+3000 included; U+200B is added by hand). */
function trimBlank(text: string, end: "start" | "end"): string {
  let trimmed = text;
  for (;;) {
    trimmed = end === "start" ? trimmed.trimStart() : trimmed.trimEnd();
    if (end === "start" ? !trimmed.startsWith("\u200B") : !trimmed.endsWith("\u200B")) return trimmed;
    trimmed = end === "start" ? trimmed.slice(1) : trimmed.slice(0, -1);
  }
}

/** A site's rules with their selectors compiled once. */
interface CompiledRules {
  rules: SiteRules;
  remove: ElementMatcher;
  editor?: { matches: ElementMatcher; pattern: RegExp };
  renames: { matches: ElementMatcher; to: string }[];
  figures: { matches: ElementMatcher; caption: ElementMatcher }[];
  dropAttributes: Set<string>;
  dropAttributesExceptOnImages: Set<string>;
  unwrapTags: Set<string>;
}

/** What one walk carries: the rules, the source URL, and the editor found so far. */
interface Walk {
  compiled: CompiledRules;
  sourceUrl: string | undefined;
  editor?: string;
}

const compiledRules = new WeakMap<SiteRules, CompiledRules>();

function compileRules(rules: SiteRules): CompiledRules {
  let compiled = compiledRules.get(rules);
  if (compiled === undefined) {
    compiled = {
      rules,
      remove: compileSelector(rules.removeSelectors.join(",")),
      ...(rules.editor ? { editor: { matches: compileSelector(rules.editor.selector), pattern: rules.editor.pattern } } : {}),
      renames: rules.renameElements.map(({ selector, to }) => ({ matches: compileSelector(selector), to })),
      figures: rules.figures.map(({ wrapperSelector, captionSelector }) => ({
        matches: compileSelector(wrapperSelector),
        caption: compileSelector(captionSelector),
      })),
      dropAttributes: new Set(rules.dropAttributes),
      dropAttributesExceptOnImages: new Set(rules.dropAttributesExceptOnImages),
      unwrapTags: new Set(rules.unwrapTags),
    };
    compiledRules.set(rules, compiled);
  }
  return compiled;
}

/** The absolute form of a URL from the body: `//host/x` becomes https, relative resolves against the source. */
export function resolveArticleUrl(value: string, sourceUrl: string | undefined): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  // Protocol-relative URLs: the feed is read far from the page, so pick the secure scheme.
  if (trimmed.startsWith("//")) return resolveArticleUrl(`https:${trimmed}`, undefined);
  try {
    return new URL(trimmed).href; // already absolute (the sanitizer decides whether its scheme is allowed)
  } catch {
    if (sourceUrl === undefined) return undefined;
    try {
      return new URL(trimmed, sourceUrl).href;
    } catch {
      return undefined;
    }
  }
}

/** Moves an element's children into its place and removes it. */
function unwrap(element: HtmlElement): void {
  const parent = element.parentNode;
  if (parent === null) return;
  for (let child = element.firstChild; child !== null; child = element.firstChild) parent.insertBefore(child, element);
  element.remove();
}

/** Replaces an element with a new one of another tag holding its children; the old attributes are dropped. */
function rename(element: HtmlElement, tag: string): HtmlElement {
  const renamed = element.ownerDocument.createElement(tag);
  for (let child = element.firstChild; child !== null; child = element.firstChild) renamed.appendChild(child);
  element.replaceWith(renamed);
  return renamed;
}

/** Every descendant element matching, in document order. */
function findAll(root: HtmlNode, matches: ElementMatcher, found: HtmlElement[] = []): HtmlElement[] {
  for (let child = root.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType !== ELEMENT_NODE) continue;
    if (matches(child as HtmlElement)) found.push(child as HtmlElement);
    findAll(child, matches, found);
  }
  return found;
}

const isImage: ElementMatcher = (element) => element.localName.toLowerCase() === "img";

/** `<div class="img_wrapper"><img><span class="img_descr">c</span></div>` → `<figure><img><figcaption>c</figcaption></figure>`. */
function makeFigure(wrapper: HtmlElement, caption: ElementMatcher): HtmlElement | undefined {
  const images = findAll(wrapper, isImage);
  if (images.length === 0) return undefined;
  const document = wrapper.ownerDocument;
  const figure = document.createElement("figure");
  for (const image of images) figure.appendChild(image);
  const [captionElement] = findAll(wrapper, caption);
  if (captionElement !== undefined && !BLANK.test(captionElement.textContent ?? "")) {
    figure.appendChild(rename(captionElement, "figcaption"));
  }
  wrapper.replaceWith(figure);
  return figure;
}

/** Strips the text at one end of a block: descends through first (or last) children to the text there. */
function trimBlockEnd(block: HtmlNode, end: "start" | "end"): void {
  let node: HtmlNode | null = end === "start" ? block.firstChild : block.lastChild;
  while (node !== null) {
    if (node.nodeType === TEXT_NODE) {
      const trimmed = trimBlank(node.nodeValue ?? "", end);
      if (trimmed !== "") {
        node.nodeValue = trimmed;
        return;
      }
      const next: HtmlNode | null = end === "start" ? node.nextSibling : node.previousSibling;
      node.parentNode?.removeChild(node);
      node = next;
    } else if (node.nodeType === ELEMENT_NODE && !CONTENT_ELEMENTS.has((node as HtmlElement).localName) && (node as HtmlElement).localName !== "br") {
      node = end === "start" ? node.firstChild : node.lastChild;
    } else {
      return;
    }
  }
}

function isBlock(node: HtmlNode | null): boolean {
  return node === null || (node.nodeType === ELEMENT_NODE && BLOCK_ELEMENTS.has((node as HtmlElement).localName));
}

function holdsBlock(element: HtmlElement): boolean {
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE && isBlock(child)) return true;
  }
  return false;
}

function holdsOnlyBlocks(element: HtmlElement): boolean {
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (!isBlock(child) && !(child.nodeType === TEXT_NODE && BLANK.test(child.nodeValue ?? ""))) return false;
  }
  return true;
}

/** Applies the rules' element-level steps that replace or remove the element; returns what stands in its place. */
function applyElementRules(element: HtmlElement, walk: Walk): HtmlElement | undefined {
  const { compiled } = walk;
  const tag = element.localName.toLowerCase();
  const classes = classesOf(element);
  if (compiled.remove(element, tag, classes)) return undefined;
  if (compiled.editor?.matches(element, tag, classes)) {
    const match = compiled.editor.pattern.exec(element.textContent ?? "");
    if (match?.[1] !== undefined) {
      // The name leaves the tree before the sanitizer cleans its text, so it is cleaned here the same way.
      const name = cleanXmlText(match[1]).text.replace(/\s+/g, " ").trim();
      if (name !== "") walk.editor ??= name;
      return undefined;
    }
  }
  for (const { matches, caption } of compiled.figures) {
    if (matches(element, tag, classes)) return makeFigure(element, caption) ?? element;
  }
  for (const { matches, to } of compiled.renames) {
    if (matches(element, tag, classes)) return rename(element, to);
  }
  return element;
}

function cleanAttributes(element: HtmlElement, tag: string, walk: Walk): void {
  if (!element.hasAttributes()) return;
  const { compiled } = walk;
  for (const name of element.getAttributeNames()) {
    const lowerName = name.toLowerCase();
    // A code block's language is content, not presentation (sanitize-html.ts keeps it too).
    if (tag === "code" && lowerName === "class" && CODE_LANGUAGE_CLASS.test(element.getAttribute(name) ?? "")) continue;
    if (compiled.dropAttributes.has(lowerName) || (tag !== "img" && compiled.dropAttributesExceptOnImages.has(lowerName))) {
      element.removeAttribute(name);
    } else if (URL_ATTRIBUTES.has(lowerName)) {
      const resolved = resolveArticleUrl(element.getAttribute(name) ?? "", walk.sourceUrl);
      if (resolved === undefined) element.removeAttribute(name);
      else element.setAttribute(name, resolved);
    }
  }
}

/** Cleans an image; false when it has no usable source and is gone. */
function cleanImage(image: HtmlElement, walk: Walk): boolean {
  const sourceAttributes = walk.compiled.rules.imageSourceAttributes;
  const source = image.getAttribute("src")?.trim() ?? "";
  // Lazy-loading pages ship a placeholder (nothing, or a tiny data: image) in src and the picture elsewhere.
  if (source === "" || /^data:/i.test(source)) {
    const lazySource = sourceAttributes.map((name) => image.getAttribute(name)).find(Boolean);
    if (lazySource) image.setAttribute("src", lazySource);
  }
  for (const name of sourceAttributes) image.removeAttribute(name);
  cleanAttributes(image, "img", walk);
  if (!image.getAttribute("src")) {
    image.remove();
    return false;
  }
  const referrerPolicy = walk.compiled.rules.imageReferrerPolicy;
  if (referrerPolicy !== undefined) image.setAttribute("referrerpolicy", referrerPolicy);
  image.setAttribute("loading", "lazy");
  return true;
}

/** Cleans one element and its subtree; tells whether anything visible is left of it. */
function cleanElement(original: HtmlElement, walk: Walk): boolean {
  const element = applyElementRules(original, walk);
  if (element === undefined) {
    original.remove();
    return false;
  }
  const tag = element.localName.toLowerCase();
  if (tag === "img") return cleanImage(element, walk);
  cleanAttributes(element, tag, walk);
  const hasContent = cleanChildren(element, walk);
  if (!hasContent && REMOVED_WHEN_EMPTY.has(tag)) {
    element.remove();
    return false;
  }
  if (tag === "p" && holdsBlock(element)) {
    // An HTML parser ends a <p> at a block's start tag, so serialized as it stands this paragraph would come
    // back split in two; it is the div it really is.
    rename(element, "div");
    return true;
  }
  const bare = !element.hasAttributes();
  if (walk.compiled.unwrapTags.has(tag) || (tag === "a" && !element.hasAttribute("href")) || (tag === "span" && bare)) {
    unwrap(element);
  } else if (tag === "div" && bare && holdsOnlyBlocks(element)) {
    unwrap(element); // a wrapper of blocks means nothing; a div of running text stays a block
  }
  return hasContent || CONTENT_ELEMENTS.has(tag);
}

/** Cleans the children of a node (each subtree before its parent) and tells whether anything visible is left. */
function cleanChildren(parent: HtmlElement, walk: Walk): boolean {
  let hasContent = false;
  for (let child = parent.firstChild, next: HtmlNode | null; child !== null; child = next) {
    next = child.nextSibling; // taken first: the child may be removed, or replaced by its own children
    if (child.nodeType === ELEMENT_NODE) {
      if (cleanElement(child as HtmlElement, walk)) hasContent = true;
    } else if (child.nodeType === TEXT_NODE) {
      if (!BLANK.test(child.nodeValue ?? "")) hasContent = true;
    } else if (child.nodeType === DOCUMENT_TYPE_NODE) {
      // All that linkedom keeps of a body with a doctype in it (parseHtmlTree does the same): the body is lost.
      throw new Error("it holds a <!DOCTYPE> declaration, after which nothing else of it could be read");
    } else {
      parent.removeChild(child); // comments ("<!-- 正文下iframe -->" and the like) are never content
    }
  }
  // Whitespace between blocks is source layout: one newline keeps the output readable, none at the ends.
  for (let child = parent.firstChild, next: HtmlNode | null; child !== null; child = next) {
    next = child.nextSibling;
    if (child.nodeType !== TEXT_NODE || !BLANK.test(child.nodeValue ?? "")) continue;
    // Blank runs a removed comment left side by side are one run: joined, then judged as one below.
    if (next !== null && next.nodeType === TEXT_NODE && BLANK.test(next.nodeValue ?? "")) {
      next.nodeValue = `${child.nodeValue ?? ""}${next.nodeValue ?? ""}`;
      parent.removeChild(child);
      continue;
    }
    if (!isBlock(child.previousSibling) || !isBlock(next)) continue;
    if (child.previousSibling === null || next === null) parent.removeChild(child);
    else child.nodeValue = "\n";
  }
  if (TEXT_BLOCKS.has(parent.localName)) {
    trimBlockEnd(parent, "start");
    trimBlockEnd(parent, "end");
  }
  return hasContent;
}

/**
 * Cleans a parsed body in place (`root` is the element holding it) by the site's rules in one walk and returns
 * the editor line's name; for callers that parse each post once and sanitize the same tree. Throws a clear
 * Error when the tree cannot be walked (a body nested deeper than the stack allows).
 */
export function cleanArticleFragment(root: HtmlElement, options: CleanOptions = {}): { editor?: string } {
  const walk: Walk = { compiled: compileRules(rulesOf(options)), sourceUrl: options.sourceUrl ?? options.baseUrl };
  try {
    cleanChildren(root, walk);
    trimBlockEnd(root, "start");
    trimBlockEnd(root, "end");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot clean the HTML body: ${reason}`);
  }
  return walk.editor === undefined ? {} : { editor: walk.editor };
}
