import type { Article } from "../../model/article";
import { foldForSearch, isFoldStable } from "./fold-for-search";
import { htmlText } from "./html-text";

/** Which items a feed request keeps (`?filter=` and `?filterout=`): plain words, never patterns. */
export interface ItemFilter {
  /** An item is kept only if it holds at least one of these (none: every item); NFC, as given. */
  filter: readonly string[];
  /** An item holding any of these is left out; NFC, as given. */
  filterout: readonly string[];
}

/** A filter word ready to look for: folded once, and whether the raw text can be searched instead. */
interface SearchWord {
  folded: string;
  stable: boolean;
}

type Field = "title" | "summary" | "text";
// Cheapest first: a word found in the title spares the article's text its tag stripping and folding.
const FIELDS: readonly Field[] = ["title", "summary", "text"];

/**
 * A test of whether an article passes a filter: it holds (case-insensitively, after foldForSearch) one of
 * the `filter` words, if any are given, and none of the `filterout` words, in its title, its summary or the
 * text of its HTML. Plain substring search (String.prototype.includes), so its cost is linear in the text
 * and no input can make it slow. Undefined when the filter has no words, so callers skip it.
 */
export function createItemMatcher(itemFilter: ItemFilter): ((article: Article) => boolean) | undefined {
  if (itemFilter.filter.length === 0 && itemFilter.filterout.length === 0) return undefined;
  const wanted = itemFilter.filter.map(searchWord);
  const unwanted = itemFilter.filterout.map(searchWord);
  return (article) => {
    const text = articleText(article);
    return (wanted.length === 0 || holdsAny(text, wanted)) && !holdsAny(text, unwanted);
  };
}

function searchWord(word: string): SearchWord {
  const folded = foldForSearch(word);
  return { folded, stable: isFoldStable(folded) };
}

interface ArticleText {
  raw(field: Field): string;
  folded(field: Field): string;
}

/** An article's searchable fields, each stripped or folded only when a word first needs it. */
function articleText(article: Article): ArticleText {
  const raw: Partial<Record<Field, string>> = {};
  const folded: Partial<Record<Field, string>> = {};
  const rawOf = (field: Field): string =>
    (raw[field] ??= field === "title" ? article.title : field === "summary" ? article.summary : htmlText(article.contentHtml));
  return {
    raw: rawOf,
    folded: (field) => (folded[field] ??= foldForSearch(rawOf(field))),
  };
}

function holdsAny(text: ArticleText, words: readonly SearchWord[]): boolean {
  for (const field of FIELDS) {
    for (const word of words) {
      // Article strings are NFC (src/model/article.ts), and a stable word is the same in folded text.
      const haystack = word.stable ? text.raw(field) : text.folded(field);
      if (haystack.includes(word.folded)) return true;
    }
  }
  return false;
}
