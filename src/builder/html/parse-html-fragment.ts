import { parseHTML } from "linkedom";

/** The part of a DOM node the build uses (linkedom's nodes; the project's TypeScript lib has no DOM types). */
export interface HtmlNode {
  nodeType: number;
  nodeValue: string | null;
  textContent: string | null;
  parentNode: HtmlNode | null;
  firstChild: HtmlNode | null;
  lastChild: HtmlNode | null;
  nextSibling: HtmlNode | null;
  previousSibling: HtmlNode | null;
  childNodes: ArrayLike<HtmlNode>;
  removeChild(child: HtmlNode): HtmlNode;
  insertBefore(node: HtmlNode, reference: HtmlNode | null): HtmlNode;
  appendChild(node: HtmlNode): HtmlNode;
}

/** The part of a DOM element the build uses. */
export interface HtmlElement extends HtmlNode {
  localName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  innerHTML: string;
  ownerDocument: HtmlDocument;
  /** The attribute names in source case; linkedom's `attributes` is a Proxy, several times slower to read. */
  getAttributeNames(): string[];
  hasAttributes(): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): HtmlElement | null;
  querySelectorAll(selectors: string): ArrayLike<HtmlElement>;
  remove(): void;
  replaceWith(...nodes: HtmlNode[]): void;
  append(...nodes: HtmlNode[]): void;
}

/** The part of a DOM document the build uses. */
export interface HtmlDocument {
  createElement(tagName: string): HtmlElement;
}

/** Node types (DOM Standard §4.4). */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** The element a fragment is parsed inside (see parseHtmlFragment). */
const WRAPPER = "edgefeed-fragment";

/** The one document every fragment is parsed into; detached fragments are garbage once dropped. */
let sharedDocument: HtmlDocument | undefined;

function fragmentDocument(): HtmlDocument {
  sharedDocument ??= parseHTML("<!DOCTYPE html><html><head></head><body></body></html>").document as unknown as HtmlDocument;
  return sharedDocument;
}

/**
 * Parses an HTML fragment (a post body) into a detached element holding its nodes; throws a clear Error when
 * the parser fails, so a caller can report the post instead of publishing it raw.
 */
export function parseHtmlFragment(html: string): HtmlElement {
  try {
    const outer = fragmentDocument().createElement("div");
    // linkedom's innerHTML hands the parsed top-level nodes to replaceChildren as arguments, which overflows
    // the call stack past ~100,000 of them (a long article's paragraphs and the newlines between them). Parsed
    // inside one wrapper element, the top level is that one element. Its name is one no end tag in a post
    // closes by accident; a body that closes it on purpose is parsed the plain way.
    outer.innerHTML = `<${WRAPPER}>${html}</${WRAPPER}>`;
    const wrapper = outer.firstChild as HtmlElement | null;
    if (wrapper !== null && outer.childNodes.length === 1 && wrapper.nodeType === ELEMENT_NODE && wrapper.localName === WRAPPER) {
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
