/**
 * A strong, quoted entity tag for a representation: SHA-256 over everything its bytes depend on (page
 * or article hash, format, limit, page number, site settings, deployed version), so it is known before
 * anything is read or rendered. 128 bits: collisions are out of the question.
 */
export async function computeEntityTag(parts: readonly string[]): Promise<string> {
  // A separator that cannot occur in the parts keeps ["ab", "c"] and ["a", "bc"] apart.
  const bytes = new TextEncoder().encode(parts.join("\u0000"));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let hex = "";
  for (const byte of digest.subarray(0, 16)) hex += byte.toString(16).padStart(2, "0");
  return `"${hex}"`;
}
