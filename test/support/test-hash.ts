import type { HashParts } from "../../src/builder/plan/plan-generation";

/**
 * A pure-JS HashParts for tests in workerd (no node:crypto there): 64-bit FNV-1a over the UTF-16 code
 * units of the parts, as 16 hex digits. Fine for fixtures of a few hundred values; not for production.
 */
export const testHash: HashParts = (parts) => {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (const part of parts) {
    for (let index = 0; index < part.length; index++) {
      hash ^= BigInt(part.charCodeAt(index));
      hash = (hash * prime) & mask;
    }
  }
  return hash.toString(16).padStart(16, "0");
};
