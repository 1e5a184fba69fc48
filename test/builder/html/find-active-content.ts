import { parseHTML } from "linkedom";
import type { FragmentElement } from "../../../src/builder/html/parse-html-fragment";

/** Elements that can run code, load a frame or plugin, submit, redirect, restyle, or carry foreign markup. */
const ACTIVE_ELEMENTS = new Set([
  "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "param",
  "svg", "math", "base", "meta", "link", "form", "input", "button", "textarea", "select", "option", "isindex",
  "video", "audio", "source", "portal", "xss", "body", "html", "head", "title",
]);

/** Attributes that run code, restyle, or point a form, frame or plugin somewhere, whatever their value. */
const ACTIVE_ATTRIBUTES = new Set([
  "style", "srcdoc", "formaction", "action", "background", "dynsrc", "lowsrc", "xmlns", "xlink:href", "data",
  "codebase", "http-equiv", "content", "target", "srcset", "ping", "poster",
]);

/** Attributes a browser may read a URL from (a title or alt is only text, whatever it says). */
const URL_BEARING_ATTRIBUTES = new Set([...ACTIVE_ATTRIBUTES, "href", "src", "cite"]);

/** Attributes holding a URL, whose scheme must be http(s) (or mailto:). */
const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);

/** Characters XML 1.0 forbids. */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Everything active in sanitized HTML, described in words (empty when it is inert): checked on the raw
 * string and on the tree linkedom parses from it, with entities decoded, so an obfuscated URL is seen plain.
 */
export function findActiveContent(html: string): string[] {
  const found: string[] = [];
  if (XML_INVALID.test(html)) found.push("a character XML 1.0 forbids");
  if (/<!|<\?/.test(html)) found.push("a comment, doctype or processing instruction");
  const rawTag = /<\/?\s*([a-z][^\s/>]*)/gi;
  for (const match of html.matchAll(rawTag)) {
    if (ACTIVE_ELEMENTS.has(match[1]!.toLowerCase())) found.push(`a <${match[1]}> tag`);
  }
  const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  for (const element of Array.from(document.body.querySelectorAll("*")) as unknown as FragmentElement[]) {
    const tag = element.localName.toLowerCase();
    if (ACTIVE_ELEMENTS.has(tag)) found.push(`a <${tag}> element`);
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on")) found.push(`an event handler ${name}`);
      if (ACTIVE_ATTRIBUTES.has(name)) found.push(`an attribute ${name}`);
      // Browsers skip controls and spaces around a URL and tabs or newlines inside it: so does this check.
      const plain = attribute.value.replace(/[\u0000-\u0020\u007F-\u009F]/g, "").toLowerCase();
      if (URL_BEARING_ATTRIBUTES.has(name) && /^(javascript|vbscript|livescript|data):/.test(plain)) {
        found.push(`a script or data URL in ${name}`);
      }
      if (URL_ATTRIBUTES.has(name) && !/^(https?:\/\/|mailto:)/.test(plain)) found.push(`a non-http URL in ${name}`);
      if (name === "href" && tag !== "a" && plain.startsWith("mailto:")) found.push("a mailto: URL outside a link");
    }
  }
  return found;
}
