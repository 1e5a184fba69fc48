import { PAGE_ITEM_MAX_BYTES } from "../../model/kv-limits";

/**
 * An upper bound on the UTF-8 bytes of `JSON.stringify(value)` for plain data (strings, numbers, booleans,
 * null, arrays and objects of them), without writing it: JSON writes each UTF-16 unit of a string in at most
 * 6 bytes (`\uXXXX`, or a character's own 1-3 bytes), a number in at most 24, and a key, a comma and a colon
 * around each value.
 */
function jsonByteBound(value: unknown): number {
  if (typeof value === "string") return 6 * value.length + 2;
  if (typeof value === "number") return 24;
  if (value === null || typeof value !== "object") return 5; // true, false, null (undefined is left out)
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value) bytes += jsonByteBound(item) + 1;
  } else {
    for (const [key, item] of Object.entries(value)) bytes += 6 * key.length + 4 + jsonByteBound(item);
  }
  return bytes;
}

/**
 * Whether `article`'s stored JSON certainly fits one feed page item (PAGE_ITEM_MAX_BYTES), so that
 * articleSizeProblem, which writes and measures the JSON, has nothing to say of it. Nearly every post does:
 * a bound six times a post's text length is still far under the limit, and it costs a walk of the fields.
 */
export function surelyFitsPage(article: object): boolean {
  return jsonByteBound(article) <= PAGE_ITEM_MAX_BYTES;
}
