// Tags computed in this isolate, by their parts: a hot feed is asked for with the same parts again and
// again, and a tag costs a SHA-256 digest (and an await) each time. Past the bound it starts again with none.
const knownTags = new Map<string, string>();
const KEPT_TAGS = 2_000;
const encoder = new TextEncoder();

/**
 * A strong, quoted entity tag for a representation: SHA-256 over everything its bytes depend on (page
 * or article hash, format, limit, page number, site settings, deployed version), so it is known before
 * anything is read or rendered. 128 bits: collisions are out of the question.
 */
export async function computeEntityTag(parts: readonly string[]): Promise<string> {
  // A separator that cannot occur in the parts keeps ["ab", "c"] and ["a", "bc"] apart.
  const joined = parts.join("\u0000");
  const known = knownTags.get(joined);
  if (known !== undefined) return known;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(joined)));
  let hex = "";
  for (const byte of digest.subarray(0, 16)) hex += byte.toString(16).padStart(2, "0");
  const tag = `"${hex}"`;
  if (knownTags.size >= KEPT_TAGS) knownTags.clear();
  knownTags.set(joined, tag);
  return tag;
}
