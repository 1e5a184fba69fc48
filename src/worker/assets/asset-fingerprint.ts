/**
 * A short content hash of an asset's text (16 hex digits: two 32-bit FNV-1a passes with different offsets),
 * synchronous so a page can put it in a URL while rendering. It names versions for caches; it is not a
 * security boundary, so a fast non-cryptographic hash is enough.
 */
export function assetFingerprint(text: string): string {
  let first = 0x811c9dc5;
  let second = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 0x01000193);
    second = Math.imul(second ^ code, 0x01000193) ^ (second >>> 15);
  }
  return (first >>> 0).toString(16).padStart(8, "0") + (second >>> 0).toString(16).padStart(8, "0");
}
