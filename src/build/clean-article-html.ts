import { ELEMENT_NODE, parseHtmlFragment, TEXT_NODE, type HtmlElement, type HtmlNode } from "./parse-html-fragment";
import { siteRulesFor, type SiteRules } from "./site-rules";

/** What the cleaner needs to know about a post. */
export interface CleanOptions {
  /** The post's original URL: relative URLs resolve against it, and its host picks the site rules. */
  sourceUrl?: string;
  /** Rules to use instead of the ones `siteRulesFor(sourceUrl)` picks. */
  rules?: SiteRules;
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
const URL_ATTRIBUTES = ["href", "src", "cite", "poster"];

/**
 * Whitespace, including the ideographic space U+3000 Sina uses as a paragraph indent ("　　") and the
 * zero-width space; an indent is the reader's stylesheet's business (`text-indent`), not text.
 */
const BLANK = /^[\s\u200B]*$/;
const LEADING_BLANK = /^[\s\u200B]+/;
const TRAILING_BLANK = /[\s\u200B]+$/;

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

function unwrap(element: HtmlElement): void {
  element.replaceWith(...Array.from(element.childNodes));
}

function rename(element: HtmlElement, tag: string): void {
  const renamed = element.ownerDocument.createElement(tag);
  renamed.append(...Array.from(element.childNodes));
  element.replaceWith(renamed);
}

/** Strips the text at one end of a block: descends through first (or last) children to the text there. */
function trimBlockEnd(block: HtmlNode, end: "start" | "end"): void {
  let node: HtmlNode | null = end === "start" ? block.firstChild : block.lastChild;
  while (node !== null) {
    if (node.nodeType === TEXT_NODE) {
      const text = node.nodeValue ?? "";
      const trimmed = text.replace(end === "start" ? LEADING_BLANK : TRAILING_BLANK, "");
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

function tidyElement(element: HtmlElement, rules: SiteRules, sourceUrl: string | undefined): boolean {
  const tag = element.localName.toLowerCase();
  for (const name of rules.dropAttributes) element.removeAttribute(name);
  if (tag !== "img") for (const name of rules.dropAttributesExceptOnImages) element.removeAttribute(name);
  if (tag === "img" && !element.getAttribute("src")) {
    const lazySource = rules.imageSourceAttributes.map((name) => element.getAttribute(name)).find(Boolean);
    if (lazySource) element.setAttribute("src", lazySource);
  }
  for (const name of URL_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value === null) continue;
    const resolved = resolveArticleUrl(value, sourceUrl);
    if (resolved === undefined) element.removeAttribute(name);
    else element.setAttribute(name, resolved);
  }
  if (tag === "img") {
    if (!element.getAttribute("src")) {
      element.remove();
      return false;
    }
    for (const name of rules.imageSourceAttributes) element.removeAttribute(name);
    // Sina's image hosts refuse requests that carry a foreign Referer.
    element.setAttribute("referrerpolicy", "no-referrer");
    element.setAttribute("loading", "lazy");
    return true;
  }
  const hasContent = tidyChildren(element, rules, sourceUrl);
  if (!hasContent && REMOVED_WHEN_EMPTY.has(tag)) {
    element.remove();
    return false;
  }
  const bare = element.attributes.length === 0;
  if (rules.unwrapTags.includes(tag) || (tag === "a" && !element.hasAttribute("href")) || (tag === "span" && bare)) {
    unwrap(element);
  } else if (tag === "div" && bare && Array.from(element.childNodes).every((child) => isBlock(child) || (child.nodeType === TEXT_NODE && BLANK.test(child.nodeValue ?? "")))) {
    unwrap(element); // a wrapper of blocks means nothing; a div of running text stays a block
  }
  return hasContent || CONTENT_ELEMENTS.has(tag);
}

/** Tidies the children of a node (post-order) and tells whether anything visible is left in it. */
function tidyChildren(parent: HtmlElement, rules: SiteRules, sourceUrl: string | undefined): boolean {
  let hasContent = false;
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === ELEMENT_NODE) {
      if (tidyElement(child as HtmlElement, rules, sourceUrl)) hasContent = true;
    } else if (child.nodeType === TEXT_NODE) {
      if (!BLANK.test(child.nodeValue ?? "")) hasContent = true;
    } else {
      parent.removeChild(child); // comments ("<!-- 正文下iframe -->" and the like) are never content
    }
  }
  // Whitespace between blocks is source layout: one newline keeps the output readable, none at the ends.
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType !== TEXT_NODE || !BLANK.test(child.nodeValue ?? "")) continue;
    if (!isBlock(child.previousSibling) || !isBlock(child.nextSibling)) continue;
    if (child.previousSibling === null || child.nextSibling === null) parent.removeChild(child);
    else child.nodeValue = "\n";
  }
  if (TEXT_BLOCKS.has(parent.localName)) {
    trimBlockEnd(parent, "start");
    trimBlockEnd(parent, "end");
  }
  return hasContent;
}

function extractEditor(root: HtmlElement, rules: SiteRules): string | undefined {
  if (rules.editor === undefined) return undefined;
  let editor: string | undefined;
  for (const element of Array.from(root.querySelectorAll(rules.editor.selector))) {
    const match = rules.editor.pattern.exec(element.textContent ?? "");
    if (match?.[1] === undefined) continue;
    editor ??= match[1].replace(/\s+/g, " ");
    element.remove();
  }
  return editor;
}

function makeFigures(root: HtmlElement, rules: SiteRules): void {
  const document = root.ownerDocument;
  for (const { wrapperSelector, captionSelector } of rules.figures) {
    for (const wrapper of Array.from(root.querySelectorAll(wrapperSelector))) {
      const images = Array.from(wrapper.querySelectorAll("img"));
      if (images.length === 0) continue;
      const figure = document.createElement("figure");
      figure.append(...images);
      const caption = wrapper.querySelector(captionSelector);
      if (caption !== null && !BLANK.test(caption.textContent ?? "")) {
        const figcaption = document.createElement("figcaption");
        figcaption.append(...Array.from(caption.childNodes));
        figure.append(figcaption);
      }
      wrapper.replaceWith(figure);
    }
  }
}

/**
 * Cleans a parsed body in place (`root` is the element holding it) by the site's rules and returns the editor
 * line's name; for callers that parse each post once and sanitize the same tree.
 */
export function cleanArticleFragment(root: HtmlElement, options: CleanOptions = {}): { editor?: string } {
  const rules = options.rules ?? siteRulesFor(options.sourceUrl);
  if (rules.removeSelectors.length > 0) {
    for (const element of Array.from(root.querySelectorAll(rules.removeSelectors.join(",")))) element.remove();
  }
  const editor = extractEditor(root, rules);
  for (const { selector, to } of rules.renameElements) {
    for (const element of Array.from(root.querySelectorAll(selector))) rename(element, to);
  }
  makeFigures(root, rules);
  tidyChildren(root, rules, options.sourceUrl);
  trimBlockEnd(root, "start");
  trimBlockEnd(root, "end");
  return editor === undefined ? {} : { editor };
}

/**
 * Cleans a scraped article body: removes junk (comments, scripts, styles, embeds, promotions, empty
 * wrappers), turns site markup into plain HTML (`<font>` → `<strong>`, image wrappers → `<figure>`), makes
 * every URL absolute and takes the editor line out as metadata. The result still goes through `sanitizeHtml`.
 */
export function cleanArticleHtml(html: string, options: CleanOptions = {}): CleanedArticle {
  const root = parseHtmlFragment(html);
  const { editor } = cleanArticleFragment(root, options);
  const cleaned = root.innerHTML;
  return editor === undefined ? { html: cleaned } : { html: cleaned, editor };
}
