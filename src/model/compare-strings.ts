/**
 * Orders two strings by their UTF-16 code units, as `<` does: the same order on every machine. Locale
 * collation (`localeCompare`, `Intl.Collator`) differs across ICU versions and would change the bytes.
 */
export function compareStrings(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
