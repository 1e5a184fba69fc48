import { createHash } from "node:crypto";
import type { HashParts } from "./plan-generation";

// How much of the SHA-256 digest a hash keeps, in hex digits.
const HEX_DIGITS = 32;

/** SHA-256 of the UTF-8 bytes of the concatenated parts, as 32 hex digits (128 bits): enough to never collide. */
export const hashParts: HashParts = (parts) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part, "utf8");
  return hash.digest("hex").slice(0, HEX_DIGITS);
};

/** hashParts([text]) from the text's UTF-8 bytes, for a caller that holds them already (no second encoding). */
export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, HEX_DIGITS);
}
