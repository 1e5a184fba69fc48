// gzip's magic bytes 1f 8b and method 08 (deflate), base64-encoded: every compressed value starts so, and no
// JSON value does (it starts with `{` or `[`).
const COMPRESSED_PREFIX = "H4sI";

/** A stored page's or article's JSON: the text itself, or decoded from the base64 gzip the publish compresses it to. */
export async function decodeStoredValue(text: string): Promise<string> {
  if (!text.startsWith(COMPRESSED_PREFIX)) return text;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).text();
}
