import type { HtmlElement } from "./html-node";

/**
 * Tells whether an element matches. `tag` (lower case) and `classes` (from `classesOf`) can be passed in when
 * known, so that an element many matchers test is read once.
 */
export type ElementMatcher = (element: HtmlElement, tag?: string, classes?: readonly string[]) => boolean;

/** The class names of an element. */
export function classesOf(element: HtmlElement): readonly string[] {
  const value = element.hasAttributes() ? element.getAttribute("class") : null;
  return value === null || value === "" ? [] : value.split(/\s+/);
}

/** One compound selector: every part must hold. */
interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
  attributes: { name: string; value?: string }[];
}

const PART = /^(?:([a-zA-Z][\w-]*)|\*|#([\w-]+)|\.([\w-]+)|\[\s*([\w:-]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([\w-]+))\s*)?\])/;

function parseCompound(text: string, whole: string): Compound {
  const compound: Compound = { classes: [], attributes: [] };
  let rest = text;
  while (rest !== "") {
    const match = PART.exec(rest);
    if (match === null) {
      throw new Error(`unsupported selector ${JSON.stringify(whole)}: site rules take tags, #ids, .classes and [attr="value"] only`);
    }
    if (match[1] !== undefined) compound.tag = match[1].toLowerCase();
    if (match[2] !== undefined) compound.id = match[2];
    if (match[3] !== undefined) compound.classes.push(match[3]);
    if (match[4] !== undefined) compound.attributes.push({ name: match[4].toLowerCase(), value: match[5] ?? match[6] ?? match[7] });
    rest = rest.slice(match[0].length);
  }
  return compound;
}

function matchesCompound(element: HtmlElement, compound: Compound, tag: string, classes: readonly string[] | undefined): boolean {
  if (compound.tag !== undefined && tag !== compound.tag) return false;
  if (compound.id !== undefined && element.getAttribute("id") !== compound.id) return false;
  if (compound.classes.length > 0) {
    const names = classes ?? classesOf(element);
    if (!compound.classes.every((name) => names.includes(name))) return false;
  }
  for (const { name, value } of compound.attributes) {
    const actual = element.getAttribute(name);
    if (actual === null || (value !== undefined && actual !== value)) return false;
  }
  return true;
}

/**
 * Compiles a comma-separated list of simple CSS selectors (`p`, `.a.b`, `#id`, `font[cms-style="x"]`) into a
 * matcher; combinators are refused with a clear Error. The cleaner tests every element once during its single
 * walk instead of running a query per rule over the whole tree.
 */
export function compileSelector(selectors: string): ElementMatcher {
  const compounds = selectors
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => parseCompound(part, selectors));
  if (compounds.length === 0) return () => false;
  return (element, tag = element.localName.toLowerCase(), classes) => {
    for (const compound of compounds) if (matchesCompound(element, compound, tag, classes)) return true;
    return false;
  };
}
