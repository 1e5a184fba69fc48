import { createHash } from "node:crypto";
import type { HashParts } from "./plan-generation";

/** SHA-256 of the UTF-8 bytes of the concatenated parts, as 32 hex digits (128 bits): enough to never collide. */
export const hashParts: HashParts = (parts) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part, "utf8");
  return hash.digest("hex").slice(0, 32);
};
