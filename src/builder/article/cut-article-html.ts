/**
 * Elements without an end tag (WHATWG HTML §13.1.2, void elements). The sanitizer keeps only br, col, hr, img
 * and wbr, writing them as `<br />`; the whole list is here so that `<br>` or `<source>` never wait for an end
 * tag that is not coming.
 */
export const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** A character reference as the sanitizer writes them (`&amp;`, `&#x338;`), read as one piece of text. */
const CHARACTER_REFERENCE = /&(?:#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/y;

/** The longest character reference CHARACTER_REFERENCE matches, for looking back from a `;`. */
const LONGEST_REFERENCE = 34;

/** The named references whose character matters to a cut (a quote may close a sentence); others read as letters. */
const NAMED_REFERENCES: Record<string, number> = { amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27 };

/**
 * Characters that belong to the grapheme before them (UAX #29 Extend and ZWJ, emoji modifiers, emoji tag
 * characters): a cut before one would leave a letter without its accent or split an emoji sequence.
 */
const EXTENDS_PREVIOUS = /^[\p{M}\p{Emoji_Modifier}\u200C\u200D\u{E0020}-\u{E007F}]$/u;

const ZERO_WIDTH_JOINER = 0x200d;
const LESS_THAN = 0x3c;

/** An element whose start tag is kept and whose end tag the cut has to write. */
interface OpenElement {
  name: string;
  /** Where its start tag begins: what the cut falls back to when nothing of its content is kept. */
  tagStart: number;
  /** Where its content begins, just after the start tag. */
  contentStart: number;
}

/**
 * Shortens sanitized HTML to at most `maxBytes` UTF-8 bytes by keeping whole leading nodes, going into the first
 * one that does not fit (and cutting its text on a sentence, word or character boundary), and closing every element
 * left open.
 */
export function cutArticleHtml(html: string, maxBytes: number): { html: string; cut: boolean } {
  if (Number.isNaN(maxBytes) || maxBytes < 0) throw new RangeError(`cannot cut an article to ${maxBytes} bytes`);
  const budget = Math.floor(maxBytes);
  if (utf8LengthUpTo(html, 0, html.length, budget) <= budget) return { html, cut: false };
  // A cut that ends on a sentence or a word may give up to a fifth of the budget for it.
  const preferredFrom = budget - Math.floor(budget / 5);

  // The output is always `html.slice(0, keptEnd)` followed by the end tags of the elements open there, so the
  // source is read once, from its start, and never past the budget: a 25 MiB article costs what its first
  // maxBytes cost. `cost` is the size of that output were it to end at `position`; every token the scan
  // accepts keeps it within the budget.
  const open: OpenElement[] = [];
  let cost = 0;
  let position = 0;
  let keptEnd = -1;
  while (keptEnd < 0) {
    const remaining = budget - cost;
    if (position >= html.length) {
      keptEnd = position;
    } else if (!startsTag(html, position)) {
      const runEnd = textRunEnd(html, position, remaining);
      if (runEnd < 0) {
        keptEnd = cutText(html, position, remaining, preferredFrom - cost);
      } else {
        cost += utf8LengthUpTo(html, position, runEnd, remaining);
        position = runEnd;
      }
    } else if (html.startsWith("<!", position)) {
      // Comments and doctypes: the sanitizer writes none, but they are whole nodes all the same.
      const terminator = html.startsWith("<!--", position) ? "-->" : ">";
      const close = html.indexOf(terminator, position + 2);
      const tokenEnd = close < 0 ? html.length : close + terminator.length;
      const tokenBytes = utf8LengthUpTo(html, position, tokenEnd, remaining);
      if (tokenBytes > remaining) {
        keptEnd = position;
      } else {
        cost += tokenBytes;
        position = tokenEnd;
      }
    } else {
      // A tag longer than the budget left cannot be kept, so its end is not looked for past that.
      const tagEnd = findTagEnd(html, position, position + remaining);
      const tagBytes = tagEnd < 0 ? Infinity : utf8LengthUpTo(html, position, tagEnd, remaining);
      const isEndTag = html.charCodeAt(position + 1) === 0x2f;
      const name = tagName(html, position + (isEndTag ? 2 : 1));
      if (tagBytes > remaining) {
        keptEnd = position;
      } else if (isEndTag) {
        const match = open.findLastIndex((element) => element.name === name);
        // An end tag moves its element's bytes from the end tags the cut would write into the kept source.
        // A stray end tag (nothing open matches it) is kept as it is: HTML parsers ignore it.
        let closed = 0;
        if (match >= 0) for (let index = match; index < open.length; index++) closed += endTagBytes(open[index]!.name);
        if (cost + tagBytes - closed > budget) {
          keptEnd = position;
        } else {
          if (match >= 0) open.length = match;
          cost += tagBytes - closed;
          position = tagEnd;
        }
      } else if (VOID_ELEMENTS.has(name)) {
        cost += tagBytes;
        position = tagEnd;
      } else if (tagBytes + endTagBytes(name) > remaining) {
        keptEnd = position;
      } else {
        // The scan goes on inside the element whether or not all of it fits: if it does not, its children are
        // where the cut falls, so one `<div>` wrapping a whole scraped article still gives a useful prefix.
        open.push({ name, tagStart: position, contentStart: tagEnd });
        cost += tagBytes + endTagBytes(name);
        position = tagEnd;
      }
    }
  }

  // An element entered but left with nothing (or only white space) in it is not worth its two tags.
  while (open.length > 0 && isBlank(html, open[open.length - 1]!.contentStart, keptEnd)) {
    keptEnd = open.pop()!.tagStart;
  }
  let output = html.slice(0, keptEnd);
  for (let index = open.length - 1; index >= 0; index--) output += `</${open[index]!.name}>`;
  return { html: output, cut: true };
}

function endTagBytes(name: string): number {
  return name.length + 3; // `</` + name + `>`, and tag names are ASCII
}

/** Whether a tag starts at `position`; a `<` that starts none is text, as an HTML parser reads it. */
function startsTag(html: string, position: number): boolean {
  if (html.charCodeAt(position) !== LESS_THAN) return false;
  const next = html.charCodeAt(position + 1);
  if (next === 0x21) return true; // `<!`
  const first = next === 0x2f ? html.charCodeAt(position + 2) : next;
  return (first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a);
}

function tagName(html: string, start: number): string {
  let end = start;
  while (end < html.length) {
    const code = html.charCodeAt(end);
    if (code === 0x3e || code === 0x2f || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) break;
    end++;
  }
  return html.slice(start, end).toLowerCase();
}

/** Just past the `>` that ends the tag at `start`, or -1 when there is none before `limit`; a quoted `>` is not one. */
function findTagEnd(html: string, start: number, limit: number): number {
  const end = Math.min(html.length, limit);
  let quote = 0;
  let previous = 0;
  for (let index = start + 1; index < end; index++) {
    const code = html.charCodeAt(index);
    if (quote !== 0) {
      if (code === quote) quote = 0;
      continue;
    }
    if (code === 0x3e) return index + 1;
    // A quote opens a value only after `=`: `<a title=x"y>` is an unquoted value holding a quote.
    if ((code === 0x22 || code === 0x27) && previous === 0x3d) quote = code;
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) previous = code;
  }
  return -1;
}

/** Where the text run at `start` ends (the next tag), or -1 when it is longer than `limit` bytes. */
function textRunEnd(html: string, start: number, limit: number): number {
  let bytes = 0;
  let index = start;
  while (index < html.length) {
    const code = html.charCodeAt(index);
    if (code === LESS_THAN && startsTag(html, index)) return index;
    const units = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(html.charCodeAt(index + 1)) ? 2 : 1;
    bytes += utf8Bytes(code, units);
    if (bytes > limit) return -1;
    index += units;
  }
  return index;
}

/** The UTF-8 size of `html.slice(start, end)`, counted only until it passes `limit` (then some size above it). */
function utf8LengthUpTo(html: string, start: number, end: number, limit: number): number {
  // Every UTF-16 code unit is at least one byte: a 25 MiB article is known too long without reading it.
  if (end - start > limit) return end - start;
  let bytes = 0;
  for (let index = start; index < end; index++) {
    const code = html.charCodeAt(index);
    if (code < 0x80) {
      bytes += 1;
    } else {
      const units = code >= 0xd800 && code <= 0xdbff && index + 1 < end && isLowSurrogate(html.charCodeAt(index + 1)) ? 2 : 1;
      bytes += utf8Bytes(code, units);
      index += units - 1;
    }
    if (bytes > limit) return bytes;
  }
  return bytes;
}

/** The UTF-8 size of one character: a surrogate pair is 4 bytes, a lone surrogate 3 (it is written as U+FFFD). */
function utf8Bytes(code: number, units: number): number {
  if (units === 2) return 4;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isBlank(html: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    if (!isWhiteSpace(html.charCodeAt(index))) return false;
  }
  return true;
}

/** White space a line may break at: ASCII spaces and the ideographic space, not the no-break space. */
function isWhiteSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x3000;
}

/** A sentence ends at these only before white space (`3.14`, `e.g.` and `Yahoo!` go on). */
function isNarrowTerminator(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f;
}

/** CJK sentence ends: no space follows them. */
function isWideTerminator(code: number): boolean {
  return code === 0x3002 || code === 0xff01 || code === 0xff1f;
}

/** Closing quotes and brackets that belong to the sentence before them: `他说：“好。”` ends after the `”`. */
function isCloser(code: number): boolean {
  return code === 0x22 || code === 0x27 || code === 0x29 || code === 0x5d || code === 0x201d || code === 0x2019 || code === 0xff09 || code === 0x300d || code === 0x300f || code === 0x3011 || code === 0x300b || code === 0xbb;
}

/** How many code units the character or character reference at `position` takes. */
function unitLength(html: string, position: number): number {
  const code = html.charCodeAt(position);
  if (code === 0x26) {
    CHARACTER_REFERENCE.lastIndex = position;
    const reference = CHARACTER_REFERENCE.exec(html);
    return reference === null ? 1 : reference[0].length;
  }
  return code >= 0xd800 && code <= 0xdbff && isLowSurrogate(html.charCodeAt(position + 1)) ? 2 : 1;
}

/** The character the text at `position` stands for (a reference's, decoded), or -1 past the end. */
function characterAt(html: string, position: number): number {
  if (position >= html.length) return -1;
  const length = unitLength(html, position);
  if (length > 1 && html.charCodeAt(position) === 0x26) return referencedCharacter(html.slice(position, position + length));
  return html.codePointAt(position)!;
}

/** Where the character or character reference that ends at `position` starts. */
function previousUnitStart(html: string, start: number, position: number): number {
  if (html.charCodeAt(position - 1) === 0x3b) {
    const ampersand = html.lastIndexOf("&", position - 2);
    if (ampersand >= start && position - ampersand <= LONGEST_REFERENCE && unitLength(html, ampersand) === position - ampersand) return ampersand;
  }
  if (position - 2 >= start && isLowSurrogate(html.charCodeAt(position - 1)) && unitLength(html, position - 2) === 2) return position - 2;
  return position - 1;
}

function referencedCharacter(reference: string): number {
  const body = reference.slice(1, -1);
  if (body.startsWith("#x") || body.startsWith("#X")) return Number.parseInt(body.slice(2), 16);
  if (body.startsWith("#")) return Number.parseInt(body.slice(1), 10);
  return NAMED_REFERENCES[body] ?? 0x61; // any other name reads as a letter: nothing a cut looks for
}

function isRegionalIndicator(code: number): boolean {
  return code >= 0x1f1e6 && code <= 0x1f1ff;
}

/**
 * Whether a cut at `position` leaves every grapheme whole: not between CR and LF, not before a combining mark,
 * a joiner or a modifier, not after a joiner, not inside a flag's pair of regional indicators.
 */
function isGraphemeBoundary(html: string, start: number, position: number): boolean {
  if (position <= start) return true;
  const next = characterAt(html, position);
  const previousStart = previousUnitStart(html, start, position);
  const previous = characterAt(html, previousStart);
  if (previous === 0x0d && next === 0x0a) return false;
  if (previous === ZERO_WIDTH_JOINER) return false;
  if (next >= 0x300 && EXTENDS_PREVIOUS.test(String.fromCodePoint(next))) return false;
  if (isRegionalIndicator(previous) && isRegionalIndicator(next)) {
    // Indicators pair up from the start of their run: after an odd number of them, a flag is half written.
    let count = 0;
    let at = position;
    while (at > start) {
      const before = previousUnitStart(html, start, at);
      if (!isRegionalIndicator(characterAt(html, before))) break;
      count++;
      at = before;
    }
    return count % 2 === 0;
  }
  return true;
}

/**
 * Where to end the text run at `start`, which is longer than `limit` bytes: after the last sentence, else
 * before the last white space, that ends no sooner than `preferredBytes` into it, else at the run's start when
 * that is no sooner either, else after its last character that fits; never inside a character reference, a
 * surrogate pair or a grapheme.
 */
function cutText(html: string, start: number, limit: number, preferredBytes: number): number {
  let bytes = 0;
  let position = start;
  let sentenceEnd = -1;
  let wordEnd = -1;
  // The terminator just read, waiting for what follows it to tell whether it ends a sentence: 0 none.
  let pendingTerminator = 0;
  // The run's start is already a node boundary: no word ends there.
  let previousWasSpace = true;
  while (position < html.length && !startsTag(html, position)) {
    const length = unitLength(html, position);
    const character = length === 1 ? html.charCodeAt(position) : characterAt(html, position);
    // The boundary before this character is weighed before the budget is, so the last one that fits counts too.
    if (pendingTerminator !== 0 && !isCloser(character)) {
      if ((isWideTerminator(pendingTerminator) || isWhiteSpace(character)) && bytes >= preferredBytes) sentenceEnd = position;
      pendingTerminator = 0;
    }
    const space = isWhiteSpace(character);
    if (space && !previousWasSpace && bytes >= preferredBytes) wordEnd = position;
    const characterBytes = length === 1 ? utf8Bytes(character, 1) : html.charCodeAt(position) === 0x26 ? length : 4;
    if (bytes + characterBytes > limit) break;
    bytes += characterBytes;
    position += length;
    previousWasSpace = space;
    if (isWideTerminator(character) || isNarrowTerminator(character)) pendingTerminator = character;
  }
  // The run's start is a node boundary, where the text before it ended: better than half a sentence.
  const runStart = preferredBytes <= 0 ? start : -1;
  let end = sentenceEnd >= 0 ? sentenceEnd : wordEnd >= 0 ? wordEnd : runStart >= 0 ? runStart : position;
  while (!isGraphemeBoundary(html, start, end)) end = previousUnitStart(html, start, end);
  return end;
}
