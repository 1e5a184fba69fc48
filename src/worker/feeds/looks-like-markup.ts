// A tag (`<b>`, `</p>`, `<!--`) or a character reference (`&amp;`, `&#38;`): what readers and the W3C validator
// take for markup in an element that may hold either text or HTML (feedparser's `_looks_like_html` is similar).
const MARKUP = /<\/?[A-Za-z!?]|&#?[A-Za-z0-9]+;/;

/**
 * Whether plain text would be taken for HTML by a reader that guesses (RSS titles, Atom text constructs): such
 * text must go out HTML-escaped, as HTML, to be shown as the characters it is.
 */
export function looksLikeMarkup(text: string): boolean {
  return MARKUP.test(text);
}
