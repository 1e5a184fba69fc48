import sax from "sax";

/** An element of a parsed document: its qualified name, attributes, child elements and text. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data (references resolved), concatenated. */
  text: string;
}

// sax's strict mode still lets through what XML 1.0 forbids and a renderer could emit by mistake; these
// checks on the raw text close the gaps: characters outside `Char` (§2.2), references to entities XML does
// not predefine (§4.6; sax resolves `&nbsp;` silently) and `]]>` in character data (§2.4), outside CDATA sections.
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const UNDECLARED_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)/;

/** Parses XML with sax in strict mode plus the checks sax leaves out; throws on anything not well-formed. */
export function parseXmlStrictly(xml: string): XmlElement {
  const invalid = INVALID_CHARACTER.exec(xml);
  if (invalid) throw new Error(`character U+${invalid[0].codePointAt(0)!.toString(16)} is not allowed in XML`);
  const outsideCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, "");
  const reference = UNDECLARED_REFERENCE.exec(outsideCdata);
  if (reference) throw new Error(`undeclared entity or bare & at ${JSON.stringify(outsideCdata.slice(reference.index, reference.index + 12))}`);
  if (outsideCdata.includes("]]>")) throw new Error("]]> outside a CDATA section");
  // sax drops a repeated attribute silently (§3.1 forbids it); our renderers escape `>` everywhere, so a tag
  // ends at the first `>` and its attribute names can be read off the raw text.
  for (const tag of xml.matchAll(/<[A-Za-z][^<>]*>/g)) {
    // Each match takes a whole quoted value, so `name=` written inside a value is not read as an attribute.
    const names = [...tag[0].matchAll(/\s([^\s=]+)\s*=\s*(?:"[^"]*"|'[^']*')/g)].map((match) => match[1]);
    if (new Set(names).size !== names.length) throw new Error(`repeated attribute in ${tag[0]}`);
  }
  const parser = sax.parser(true, { trim: false, normalize: false });
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  const stack: XmlElement[] = [];
  parser.onerror = (error) => {
    failure ??= error;
    parser.resume();
  };
  parser.onopentag = (tag) => {
    if (root && stack.length === 0) failure ??= new Error(`a second root element <${tag.name}>`);
    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: "" };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  const addText = (text: string): void => {
    const current = stack.at(-1);
    if (current) current.text += text;
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.write(xml).close();
  if (failure) throw failure;
  if (!root) throw new Error("no root element");
  return root;
}

/** Every element below `element` (itself included) with the given name, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = element.name === name ? [element] : [];
  for (const child of element.children) found.push(...findAll(child, name));
  return found;
}
