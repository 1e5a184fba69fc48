// The DOM the build's HTML stages walk, whichever tree holds it: the build's own (parseHtmlTree, the hot
// path) or linkedom's (parseHtmlFragment, for cleanArticleHtml and as the reference in tests). Types and
// constants only, so the hot path never loads linkedom.

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

/** The part of a DOM document the build uses. */
export interface HtmlDocument {
  createElement(tagName: string): HtmlElement;
}

/** Node types (DOM Standard §4.4). */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const DOCUMENT_TYPE_NODE = 10;

/** The element a fragment is parsed inside (see parseHtmlFragment and parseHtmlTree). */
export const FRAGMENT_WRAPPER = "edgefeed-fragment";
