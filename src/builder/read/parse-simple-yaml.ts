import { isWellFormed } from "../../model/is-well-formed";
import { resolvePlainScalar } from "./parse-yaml";

/**
 * Characters after which this reader gives up and leaves the text to js-yaml: controls but the line feed
 * (tabs and carriage returns included), DEL and the C1 controls, the BOM, U+FFFE/U+FFFF and the Unicode line
 * and paragraph separators, all of which js-yaml reads in ways of its own (breaks, refusals, errors).
 */
const UNUSUAL_CHARACTER = /[\x00-\x09\x0B-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** `key:` at the start of a line: a name that YAML's plain scalars read as the same string, then the colon. */
const KEY_LINE = /^([A-Za-z_][\w-]*):(?: +|$)/;

/** A block sequence item (`- x`), after its indent. */
const ITEM_START = /^- +/;

/**
 * The first character of a value that this reader does not read itself: YAML's indicators (YAML 1.2 §5.3),
 * which start anchors, aliases, tags, block scalars, mappings and reserved forms, and `-`, `?`, `:` and `,`,
 * which start a plain scalar only in some contexts.
 */
const INDICATOR_START = /^[-?:,\]{}#&*!|>%@`]/;

/** A plain scalar in a flow sequence that cannot end early or turn into anything else: no flow indicators, quotes, comments or colons. */
const FLOW_PLAIN = /^[^-?:,[\]{}#&*!|>%@`'"\s](?:[^,[\]{}#:'"]*[^,[\]{}#:'"\s])?$/;

/** Spaces only: js-yaml trims spaces (and tabs, which never reach here) around scalars, not `\s` (U+3000 is text to it). */
const SPACES = /^ *$/;

/** The text without its trailing spaces. */
function trimSpacesEnd(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(0, end);
}

/** The text without its leading and trailing spaces. */
function trimSpaces(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === 0x20) start++;
  return trimSpacesEnd(text.slice(start));
}

/** A value given up on: js-yaml must read the whole text. */
const GIVE_UP = Symbol("give up");

/** A plain scalar as js-yaml's core schema makes it (null, a boolean, a number or the text), GIVE_UP when it could not be read the same way here. */
function readPlain(text: string): unknown {
  const plain = trimSpacesEnd(text);
  if (plain.includes(": ") || plain.endsWith(":") || plain.includes(" #")) return GIVE_UP;
  return resolvePlainScalar(plain);
}

/** A quoted scalar with nothing but spaces after it, or GIVE_UP. Double quotes are read only without escapes, single quotes with `''` for a quote. */
function readQuoted(text: string): unknown {
  const quote = text[0]!;
  let value = "";
  let at = 1;
  for (;;) {
    const end = text.indexOf(quote, at);
    if (end === -1) return GIVE_UP; // continued on the next line: folding is js-yaml's
    value += text.slice(at, end);
    if (quote === "'" && text[end + 1] === "'") {
      value += "'";
      at = end + 2;
      continue;
    }
    if (quote === '"' && value.includes("\\")) return GIVE_UP;
    return SPACES.test(text.slice(end + 1)) ? value : GIVE_UP;
  }
}

/** A one-line flow sequence of plain or quoted scalars (`[科技, 人工智能]`), or GIVE_UP. */
function readFlowSequence(text: string): unknown {
  const close = text.lastIndexOf("]");
  if (close === -1 || !SPACES.test(text.slice(close + 1))) return GIVE_UP;
  const inside = text.slice(1, close);
  if (inside.includes("[")) return GIVE_UP;
  if (SPACES.test(inside)) return GIVE_UP;
  const items: unknown[] = [];
  for (const part of inside.split(",")) {
    const item = trimSpaces(part);
    let value: unknown;
    if (item.startsWith("'") || item.startsWith('"')) {
      // A comma inside quotes split the item: the quote then does not close in it.
      value = readQuoted(item);
    } else if (FLOW_PLAIN.test(item)) {
      value = resolvePlainScalar(item);
    } else {
      return GIVE_UP;
    }
    if (value === GIVE_UP) return GIVE_UP;
    items.push(value);
  }
  return items;
}

/** A value written on its key's or its item's line, or GIVE_UP. */
function readInlineValue(text: string): unknown {
  const first = text[0];
  if (first === "'" || first === '"') return readQuoted(text);
  if (first === "[") return readFlowSequence(text);
  if (INDICATOR_START.test(text)) return GIVE_UP;
  return readPlain(text);
}

/**
 * Reads the front matter most posts have exactly as js-yaml's core schema does (see parseYaml), without
 * js-yaml's general machinery: top-level `key: value` lines whose values are plain, single-quoted or
 * escape-free double-quoted scalars on one line, one-line flow sequences of such scalars, or block sequences
 * (`- item` lines, all at one indent) of either. Returns undefined for anything else (blank or comment lines,
 * continued or multi-line scalars, nesting, anchors, tags, duplicate keys, unusual characters), so the caller
 * hands that text to js-yaml, errors and all. Plain scalars go through js-yaml's own resolvers, so `true`,
 * `~` and `0x1F` become what js-yaml makes of them.
 */
export function parseSimpleYaml(text: string): Record<string, unknown> | undefined {
  if (text === "" || UNUSUAL_CHARACTER.test(text) || !isWellFormed(text)) return undefined;
  const lines = text.split("\n");
  const data: Record<string, unknown> = {};
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const key = KEY_LINE.exec(line);
    if (key === null) return undefined;
    const name = key[1]!;
    // A key js-yaml reads as null, a boolean or a number would be stored as that value's String().
    if (name === "__proto__" || Object.hasOwn(data, name) || resolvePlainScalar(name) !== name) return undefined;
    const rest = line.slice(key[0].length);
    index++;
    if (rest !== "") {
      const value = readInlineValue(rest);
      if (value === GIVE_UP) return undefined;
      data[name] = value;
      continue;
    }
    // Nothing after the colon: a block sequence on the lines below (at any one indent, none included), or null.
    const items: unknown[] = [];
    let indent: string | undefined;
    while (index < lines.length) {
      const itemLine = lines[index]!;
      let spaces = 0;
      while (itemLine.charCodeAt(spaces) === 0x20) spaces++;
      if (spaces === 0 && !itemLine.startsWith("-")) break; // the next key
      const lineIndent = itemLine.slice(0, spaces);
      indent ??= lineIndent;
      if (lineIndent !== indent) return undefined;
      const afterIndent = itemLine.slice(spaces);
      const item = ITEM_START.exec(afterIndent);
      if (item === null) return undefined;
      const itemText = afterIndent.slice(item[0].length);
      if (itemText === "") return undefined;
      const value = readInlineValue(itemText);
      if (value === GIVE_UP) return undefined;
      items.push(value);
      index++;
    }
    data[name] = indent === undefined ? null : items;
  }
  return data;
}
