/**
 * An absolute http(s) URL from a front-matter value, serialized by the WHATWG URL parser, or undefined
 * when the value is not one. Protocol-relative `//host/path` (common in scraped pages) is read as https.
 */
export function readHttpUrl(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text === "" || /[\s<>"]/.test(text)) return undefined;
  const absolute = text.startsWith("//") ? `https:${text}` : text;
  let url: URL;
  try {
    url = new URL(absolute);
  } catch {
    return undefined;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return undefined;
  return url.href;
}
