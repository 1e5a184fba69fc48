/**
 * A lookup table with no prototype: a key taken from input (a tag, an attribute or a Hexo tag named
 * `constructor`, `toString`, `__proto__`) finds nothing, where in a plain object literal it would find
 * Object.prototype's members and the caller would treat a function as an entry of the table.
 */
export function lookupTable<Value>(entries: Record<string, Value>): Readonly<Record<string, Value>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, Value>, entries));
}
