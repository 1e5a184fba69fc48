import { ELEMENT_NODE, TEXT_NODE, type HtmlDocument, type HtmlElement, type HtmlNode } from "./html-node";

/** Comments are the one node type this tree holds besides elements, text and a doctype (DOM Standard §4.4). */
export const COMMENT_NODE = 8;

/**
 * A class attribute as linkedom stores it: its DOMTokenList's tokens (split on whitespace, empty ones
 * left out, each once, in first-seen order) joined by one space.
 */
function normalizeClass(value: string): string {
  // Most class values are one name: nothing to split (an empty value stays empty either way).
  if (!/\s/.test(value)) return value;
  return [...new Set(value.split(/\s+/).filter((token) => token !== ""))].join(" ");
}

/**
 * One node of the build's own tree (see parseHtmlTree): an element, text or a comment (or the doctype parseHtmlTree stands in for linkedom's),
 * with exactly the DOM operations the cleaner, the sanitizer and the summary use, behaving as linkedom's do,
 * quirks included: `getAttribute("class")` is `""` when there is none, a class value is normalized, an
 * attribute added by `setAttribute` goes first, names are compared in their source case. One class for
 * every kind of node keeps the walks monomorphic, and no node carries event-listener bookkeeping.
 */
export class HtmlTreeNode implements HtmlElement {
  parentNode: HtmlTreeNode | null = null;
  firstChild: HtmlTreeNode | null = null;
  lastChild: HtmlTreeNode | null = null;
  nextSibling: HtmlTreeNode | null = null;
  previousSibling: HtmlTreeNode | null = null;
  /** Attribute names in source case and their values, in linkedom's order; empty for most elements. */
  private names: string[] = NO_NAMES;
  private values: string[] = NO_NAMES;

  constructor(
    readonly nodeType: number,
    /** The tag as the parser gave it (lower case), or `#text`, `#comment`, `#doctype`. */
    readonly localName: string,
    /** A text, comment or CDATA node's text; null for an element. */
    public nodeValue: string | null,
  ) {}

  get ownerDocument(): HtmlDocument {
    return TREE_DOCUMENT;
  }

  /** An element with the parser's attributes (an own-property object, in its key order). */
  static element(localName: string, attributes: Record<string, string> | undefined): HtmlTreeNode {
    const element = new HtmlTreeNode(ELEMENT_NODE, localName, null);
    if (attributes !== undefined) {
      const names = Object.keys(attributes);
      if (names.length > 0) {
        const values: string[] = [];
        for (const name of names) values.push(name === "class" ? normalizeClass(attributes[name]!) : attributes[name]!);
        element.names = names;
        element.values = values;
      }
    }
    return element;
  }

  /** The text of every text descendant, in document order (the node's own text for text and comments). */
  get textContent(): string | null {
    if (this.nodeType !== ELEMENT_NODE) return this.nodeValue;
    let text = "";
    for (let node = this.firstChild; node !== null; node = nextInOrder(node, this)) {
      if (node.nodeType === TEXT_NODE) text += node.nodeValue ?? "";
    }
    return text;
  }

  getAttributeNames(): string[] {
    return this.names.slice();
  }

  hasAttributes(): boolean {
    return this.names.length > 0;
  }

  getAttribute(name: string): string | null {
    const index = this.names.indexOf(name);
    if (index !== -1) return this.values[index]!;
    // linkedom answers `class` from the element's className, which is "" without the attribute.
    return name === "class" ? "" : null;
  }

  hasAttribute(name: string): boolean {
    return this.names.indexOf(name) !== -1;
  }

  setAttribute(name: string, value: string): void {
    const text = name === "class" ? normalizeClass(String(value)) : String(value);
    const index = this.names.indexOf(name);
    if (index !== -1) {
      this.values[index] = text;
    } else if (this.names === NO_NAMES) {
      this.names = [name];
      this.values = [text];
    } else {
      // linkedom links a new attribute in right after the element's start: first of its attributes.
      this.names.unshift(name);
      this.values.unshift(text);
    }
  }

  removeAttribute(name: string): void {
    const index = this.names.indexOf(name);
    if (index === -1) return;
    this.names.splice(index, 1);
    this.values.splice(index, 1);
  }

  removeChild(child: HtmlNode): HtmlNode {
    const node = child as HtmlTreeNode;
    if (node.parentNode !== this) throw new Error("node is not a child");
    node.detach();
    return node;
  }

  insertBefore(child: HtmlNode, reference: HtmlNode | null): HtmlNode {
    const node = child as HtmlTreeNode;
    const before = reference as HtmlTreeNode | null;
    if (node === before) return node;
    if (node === this) throw new Error("unable to append a node to itself");
    node.detach();
    node.parentNode = this;
    const after = before === null ? this.lastChild : before.previousSibling;
    node.previousSibling = after;
    node.nextSibling = before;
    if (after === null) this.firstChild = node;
    else after.nextSibling = node;
    if (before === null) this.lastChild = node;
    else before.previousSibling = node;
    return node;
  }

  appendChild(child: HtmlNode): HtmlNode {
    return this.insertBefore(child, null);
  }

  remove(): void {
    this.detach();
  }

  replaceWith(...nodes: HtmlNode[]): void {
    const parent = this.parentNode;
    if (parent === null) return;
    for (const node of nodes) parent.insertBefore(node, this);
    this.detach();
  }

  /** Unlinks the node from its parent and siblings (nothing when it has no parent). */
  private detach(): void {
    const parent = this.parentNode;
    if (parent === null) return;
    if (this.previousSibling === null) parent.firstChild = this.nextSibling;
    else this.previousSibling.nextSibling = this.nextSibling;
    if (this.nextSibling === null) parent.lastChild = this.previousSibling;
    else this.nextSibling.previousSibling = this.previousSibling;
    this.parentNode = this.previousSibling = this.nextSibling = null;
  }
}

/** The shared empty attribute list (never written: setAttribute replaces it first). */
const NO_NAMES: string[] = [];

/** The node after `node` in document order within `root`, or null past its last descendant. */
function nextInOrder(node: HtmlTreeNode, root: HtmlTreeNode): HtmlTreeNode | null {
  if (node.firstChild !== null) return node.firstChild;
  for (let current: HtmlTreeNode | null = node; current !== null && current !== root; current = current.parentNode) {
    if (current.nextSibling !== null) return current.nextSibling;
  }
  return null;
}

/** What `ownerDocument` gives: elements are created as linkedom's createElement does, the name as given. */
const TREE_DOCUMENT: HtmlDocument = {
  createElement: (tagName: string) => HtmlTreeNode.element(tagName, undefined),
};
