import { parseHTML } from "linkedom";

/**
 * The part of a DOM node the cleaner, the sanitizer and the summary use: linkedom's nodes have it, and so
 * does the build's own tree (HtmlTreeNode); the project's TypeScript lib has no DOM types.
 */
export interface HtmlNode {
  nodeType: number;
  nodeValue: string | null;
  textContent: string | null;
  parentNode: HtmlNode | null;
  firstChild: HtmlNode | null;
  lastChild: HtmlNode | null;
  nextSibling: HtmlNode | null;
  previousSibling: HtmlNode | null;
  removeChild(child: HtmlNode): HtmlNode;
  insertBefore(node: HtmlNode, reference: HtmlNode | null): HtmlNode;
  appendChild(node: HtmlNode): HtmlNode;
}

/** The part of a DOM element the cleaner, the sanitizer and the summary use. */
export interface HtmlElement extends HtmlNode {
  localName: string;
  ownerDocument: HtmlDocument;
  /** The attribute names in source case; linkedom's `attributes` is a Proxy, several times slower to read. */
  getAttributeNames(): string[];
  hasAttributes(): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  remove(): void;
  replaceWith(...nodes: HtmlNode[]): void;
}

/** A linkedom element: what HtmlElement has, and the rest of the DOM that tests and the cleaner's own output read. */
export interface FragmentElement extends HtmlElement {
  childNodes: ArrayLike<HtmlNode>;
  attributes: ArrayLike<{ name: string; value: string }>;
  innerHTML: string;
  querySelector(selectors: string): FragmentElement | null;
  querySelectorAll(selectors: string): ArrayLike<FragmentElement>;
  append(...nodes: HtmlNode[]): void;
}

/** The part of a DOM document the build uses. */
export interface HtmlDocument {
  createElement(tagName: string): HtmlElement;
}

/** linkedom's document, whose elements are FragmentElements. */
interface FragmentDocument {
  createElement(tagName: string): FragmentElement;
}

/** Node types (DOM Standard §4.4). */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const DOCUMENT_TYPE_NODE = 10;

/** The element a fragment is parsed inside (see parseHtmlFragment). */
export const FRAGMENT_WRAPPER = "edgefeed-fragment";

/** The one document every fragment is parsed into; detached fragments are garbage once dropped. */
let sharedDocument: FragmentDocument | undefined;

function fragmentDocument(): FragmentDocument {
  sharedDocument ??= parseHTML("<!DOCTYPE html><html><head></head><body></body></html>").document as unknown as FragmentDocument;
  return sharedDocument;
}

/**
 * Parses an HTML fragment (a post body) into a detached element holding its nodes; throws a clear Error when
 * the parser fails, so a caller can report the post instead of publishing it raw.
 */
export function parseHtmlFragment(html: string): FragmentElement {
  try {
    const outer = fragmentDocument().createElement("div");
    // linkedom's innerHTML hands the parsed top-level nodes to replaceChildren as arguments, which overflows
    // the call stack past ~100,000 of them (a long article's paragraphs and the newlines between them). Parsed
    // inside one wrapper element, the top level is that one element. Its name is one no end tag in a post
    // closes by accident; a body that closes it on purpose is parsed the plain way.
    outer.innerHTML = `<${FRAGMENT_WRAPPER}>${html}</${FRAGMENT_WRAPPER}>`;
    const wrapper = outer.firstChild as FragmentElement | null;
    if (wrapper !== null && outer.childNodes.length === 1 && wrapper.nodeType === ELEMENT_NODE && wrapper.localName === FRAGMENT_WRAPPER) {
      outer.removeChild(wrapper);
      return wrapper;
    }
    const container = fragmentDocument().createElement("div");
    container.innerHTML = html;
    return container;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot parse the HTML body: ${reason}`);
  }
}
