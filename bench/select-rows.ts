/**
 * The row names `--only` asks for (a comma-separated list), checked against the names the bench has; every
 * name when `only` is undefined. Throws naming every unknown name, so a typo never runs an empty bench.
 */
export function selectRows(names: readonly string[], only: string | undefined): Set<string> {
  if (only === undefined) return new Set(names);
  const asked = only.split(",").map((name) => name.trim()).filter((name) => name !== "");
  if (asked.length === 0) throw new Error(`--only needs a row name; the rows are: ${names.join(", ")}`);
  const unknown = asked.filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new Error(`--only: no row named ${unknown.join(", ")}; the rows are: ${names.join(", ")}`);
  return new Set(asked);
}
