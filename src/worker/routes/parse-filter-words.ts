import { StatusError } from "itty-router";

/** The most words one `?filter=` or `?filterout=` may hold: each is searched in every item's text. */
export const FILTER_MAX_WORDS = 20;

/** The longest filter word, in characters (code points, after NFC). */
export const FILTER_MAX_WORD_LENGTH = 50;

// C0 and C1 controls: no article text holds them (src/model/clean-xml-text.ts), so such a word is a typo or
// an attack, never a search. Lone surrogates cannot reach here: URLSearchParams decodes them to U+FFFD.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/**
 * Reads the value of `?filter=` or `?filterout=` (`name`): plain words separated by `|`, NFC, as given
 * otherwise (spaces are part of a word). 400 saying why for an empty value or word, a word of only spaces,
 * more than FILTER_MAX_WORDS words, a word longer than FILTER_MAX_WORD_LENGTH, or a control character.
 */
export function parseFilterWords(name: string, value: string): string[] {
  const normalized = value.normalize("NFC");
  if (normalized === "") throw new StatusError(400, `${name} is empty; give one or more words separated by |, such as ${name}=股市|基金.`);
  const words = normalized.split("|");
  if (words.length > FILTER_MAX_WORDS) {
    throw new StatusError(400, `${name} has ${words.length} words; at most ${FILTER_MAX_WORDS} are allowed.`);
  }
  words.forEach((word, index) => {
    const which = `word ${index + 1} of ${name}=${quote(normalized)}`;
    if (word.trim() === "") throw new StatusError(400, `${which} is empty; separate words with a single |, with no | at either end.`);
    const length = [...word].length;
    if (length > FILTER_MAX_WORD_LENGTH) throw new StatusError(400, `${which} is ${length} characters long; at most ${FILTER_MAX_WORD_LENGTH} are allowed.`);
    const control = CONTROL.exec(word)?.[0];
    if (control !== undefined) {
      const code = control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      throw new StatusError(400, `${which} holds the control character U+${code}; filter words are plain text.`);
    }
  });
  return words;
}

/** The value in quotes for a message, cut after 80 characters: a message never repeats a whole long URL. */
function quote(value: string): string {
  const characters = [...value];
  return JSON.stringify(characters.length > 80 ? `${characters.slice(0, 80).join("")}…` : value);
}
