import { parseHTML } from "linkedom";
import { ELEMENT_NODE, FRAGMENT_WRAPPER, type HtmlElement, type HtmlNode } from "./html-node";

/** A linkedom element: what HtmlElement has, and the rest of the DOM that tests and the cleaner's own output read. */
export interface FragmentElement extends HtmlElement {
  childNodes: ArrayLike<HtmlNode>;
  attributes: ArrayLike<{ name: string; value: string }>;
  innerHTML: string;
  querySelector(selectors: string): FragmentElement | null;
  querySelectorAll(selectors: string): ArrayLike<FragmentElement>;
  append(...nodes: HtmlNode[]): void;
}

/** linkedom's document, whose elements are FragmentElements. */
interface FragmentDocument {
  createElement(tagName: string): FragmentElement;
}

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
