import { escapeHtml } from "../../model/escape-html";

// The build's sanitizer writes every `<img>` with `src` first, double-quoted and attribute-escaped
// (src/builder/html/sanitize-html.ts, serializeAttributes): text never holds `<img`, since its `<` is
// escaped, and a value never holds `"`. So this finds every image of a stored body, and nothing else.
const IMAGE_SOURCE = /<img src="([^"]*)"/g;

// What the sanitizer's escapeAttribute writes, and back.
const ATTRIBUTE_REFERENCES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x338;": "\u0338" };

function decodeAttribute(value: string): string {
  return value.includes("&") ? value.replace(/&(?:amp|lt|gt|quot|#x338);/g, (reference) => ATTRIBUTE_REFERENCES[reference]!) : value;
}

/** A sanitized body with each `<img>` whose `src` `replacements` has a value for pointing at that value instead. */
export function rewriteImageSources(html: string, replacements: Pick<ReadonlyMap<string, string>, "get">): string {
  return html.replace(IMAGE_SOURCE, (whole, value: string) => {
    const replacement = replacements.get(decodeAttribute(value));
    return replacement === undefined ? whole : `<img src="${escapeHtml(replacement)}"`;
  });
}
