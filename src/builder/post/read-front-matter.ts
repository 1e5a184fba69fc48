import matter from "gray-matter";
import { parseSimpleYaml } from "../read/parse-simple-yaml";
import { parseYaml } from "../read/parse-yaml";

/**
 * The most values (scalars, lists and mappings, counted as if every YAML alias were written out) a front
 * matter may hold: ten thousand categories fit many times over, a "billion laughs" alias bomb does not.
 */
export const FRONT_MATTER_MAX_VALUES = 100_000;

/**
 * Whether `data` expands to more than `limit` values. YAML aliases are shared references, so a tiny text can
 * stand for billions of values (or a cycle) that any later walk, or a JSON.stringify in an error message,
 * would expand: counting stops at the limit, so this costs at most `limit` steps whatever the input.
 */
function exceedsValueCount(data: unknown, limit: number): boolean {
  let count = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (++count > limit) return true;
    // One push per value: spreading a list of a million entries into push() would overflow the stack.
    if (value !== null && typeof value === "object") for (const child of Object.values(value)) pending.push(child);
  }
  return false;
}

/** A front matter split from its body, or the reason it cannot be (with the 1-based file line where known). */
export type FrontMatter =
  | {
      ok: true;
      data: Record<string, unknown>;
      /** The raw YAML between the delimiters. */
      yamlText: string;
      /** The file line of the first YAML line (the one after the opening `---`). */
      yamlFirstLine: number;
      body: string;
      /** The file line of the body's first line (the one after the closing `---`). */
      bodyFirstLine: number;
    }
  | { ok: false; line?: number; message: string };

/** The shape of the error js-yaml throws: `mark.line` is 0-based within the text it was given. */
interface YamlError {
  name: string;
  reason?: string;
  mark?: { line: number };
}

/**
 * Splits a post (already decoded, LF line endings) into its YAML front matter and body, parsed by gray-matter.
 * Blank lines before the opening `---` are allowed (scrapers write them; gray-matter alone would not see the
 * front matter), and line numbers in errors count them.
 */
export function readFrontMatter(text: string): FrontMatter {
  const leading = /^(?:[ \t]*\n)*/.exec(text)?.[0] ?? "";
  const leadingLines = leading.split("\n").length - 1;
  // Delimiter lines are found by pattern rather than by splitting the file: the body is most of it.
  const openingLine = /---[ \t]*(?:\n|$)/y;
  openingLine.lastIndex = leading.length;
  const opening = openingLine.exec(text);
  if (opening === null) {
    return { ok: false, line: leadingLines + 1, message: 'no front matter (the file must start with a line "---")' };
  }
  const yamlStart = leading.length + opening[0].length;
  const closing = /^---[ \t]*$/m;
  const closingMatch = closing.exec(text.slice(yamlStart));
  if (!opening[0].endsWith("\n") || closingMatch === null) {
    return { ok: false, line: leadingLines + 1, message: 'front matter is not closed (no second line "---")' };
  }
  const yamlEnd = yamlStart + closingMatch.index;
  // The YAML without the newline before the closing delimiter, as the lines between the two joined.
  const yamlText = text.slice(yamlStart, yamlEnd === yamlStart ? yamlEnd : yamlEnd - 1);
  const afterClosing = yamlEnd + closingMatch[0].length;
  const body = afterClosing >= text.length ? "" : text.slice(afterClosing + 1);
  const yamlFirstLine = leadingLines + 2;
  const bodyFirstLine = yamlFirstLine + (text.slice(yamlStart, yamlEnd).match(/\n/g)?.length ?? 0) + 1;
  let data: unknown;
  try {
    // Most front matter is flat keys, scalars and lists, which parseSimpleYaml reads exactly as gray-matter's
    // js-yaml does in a fraction of its time; anything else goes to gray-matter. Options are passed on
    // purpose: without them gray-matter caches results by content and hands back shared objects.
    data = parseSimpleYaml(yamlText) ?? matter(`---\n${yamlText}\n---\n`, { language: "yaml", engines: { yaml: parseYaml } }).data;
  } catch (error) {
    const yamlError = error as YamlError;
    return {
      ok: false,
      // gray-matter hands the engine the text after the opening `---`, newline included, so mark line 0 is that
      // delimiter's own line: mark.line + 1 is already 1-based counting from the `---`.
      line: yamlError.mark === undefined ? undefined : leadingLines + yamlError.mark.line + 1,
      message: `bad YAML front matter: ${yamlError.reason ?? String(error)}`,
    };
  }
  if (exceedsValueCount(data, FRONT_MATTER_MAX_VALUES)) {
    return {
      ok: false,
      line: yamlFirstLine,
      message: `front matter holds more than ${FRONT_MATTER_MAX_VALUES.toLocaleString("en-US")} values, counting each YAML alias (*name) as written out; refused (an alias bomb?)`,
    };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return { ok: false, line: yamlFirstLine, message: "front matter must be YAML keys and values (title: ..., date: ...)" };
  }
  return { ok: true, data: data as Record<string, unknown>, yamlText, yamlFirstLine, body, bodyFirstLine };
}
