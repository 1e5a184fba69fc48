// gzip's magic bytes (RFC 1952 §2.3.1: ID1 31, ID2 139): every compressed value starts so, and no JSON value
// does (it starts with `{` or `[`).
const GZIP_ID1 = 0x1f;
const GZIP_ID2 = 0x8b;
// The same bytes and method 08 (deflate) base64-encoded, as values were stored before they were bytes.
const BASE64_GZIP_PREFIX = "H4sI";

/**
 * A stored page's or article's JSON, from the bytes KV holds: gzip as the publish compresses them
 * (compressStoredValue), plain JSON, or the base64 text of gzip that earlier publishes of this layout wrote.
 */
export async function decodeStoredValue(value: ArrayBuffer | Uint8Array | string): Promise<string> {
  const bytes = typeof value === "string" ? undefined : value instanceof Uint8Array ? value : new Uint8Array(value);
  if (bytes !== undefined && isGzip(bytes)) return gunzip(bytes);
  const text = bytes === undefined ? (value as string) : new TextDecoder().decode(bytes);
  if (!text.startsWith(BASE64_GZIP_PREFIX)) return text;
  const binary = atob(text);
  const decoded = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) decoded[index] = binary.charCodeAt(index);
  return gunzip(decoded);
}

/** Whether stored bytes are gzip (RFC 1952 §2.3.1's magic bytes), as the publish compresses pages. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_ID1 && bytes[1] === GZIP_ID2;
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).text();
}
