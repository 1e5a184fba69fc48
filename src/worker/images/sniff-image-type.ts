/** The media type of SVG, the one image format that is markup (and may carry script). */
export const SVG_TYPE = "image/svg+xml";

/**
 * The image format the bytes begin with, by their magic numbers (WHATWG MIME Sniffing §6.1, "matching an
 * image type pattern", plus AVIF's `ftyp` box and SVG's root element), or undefined when they are none of
 * PNG, JPEG, GIF, WebP, AVIF, BMP or SVG. The declared Content-Type is never trusted: these bytes are what
 * a browser will decode.
 */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (offset: number, pattern: readonly number[]): boolean => pattern.every((byte, index) => bytes[offset + index] === byte);
  const ascii = (text: string): number[] => [...text].map((character) => character.charCodeAt(0));
  if (starts(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts(0, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts(0, ascii("GIF87a")) || starts(0, ascii("GIF89a"))) return "image/gif";
  if (starts(0, ascii("RIFF")) && starts(8, ascii("WEBPVP"))) return "image/webp";
  if (starts(4, ascii("ftyp")) && isAvifBrand(bytes)) return "image/avif";
  if (starts(0, ascii("BM")) && bytes.length >= 26 && starts(6, [0, 0, 0, 0])) return "image/bmp";
  if (looksLikeSvg(bytes)) return SVG_TYPE;
  return undefined;
}

/** Whether an ISO-BMFF `ftyp` box names `avif` or `avis` as its major or one of its compatible brands. */
function isAvifBrand(bytes: Uint8Array): boolean {
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(boxSize, bytes.length, 256);
  for (let offset = 8; offset + 4 <= end; offset += offset === 8 ? 8 : 4) {
    const brand = String.fromCharCode(bytes[offset]!, bytes[offset + 1]!, bytes[offset + 2]!, bytes[offset + 3]!);
    if (brand === "avif" || brand === "avis") return true;
  }
  return false;
}

// What may come before an SVG's root element: an XML declaration, comments and a doctype without an internal
// subset (one with `[` could declare entities, the root of billion-laughs documents: refused).
const SVG_PROLOG = /^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*>)*<svg[\s>/]/i;

/** Whether the bytes are UTF-8 text whose root element, after the prolog, is `<svg`. */
function looksLikeSvg(bytes: Uint8Array): boolean {
  // The prolog of any real SVG fits the first 4 KiB; a byte-order mark may come first.
  const text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false }).decode(bytes.subarray(0, 4096));
  return SVG_PROLOG.test(text);
}
