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

// Title, summary, text: cheapest first, so a word found in the title spares the article's text its tag
// stripping and folding.
const FIELD_COUNT = 3;

/**
 * A test of whether an article passes a filter: it holds (case-insensitively, after foldForSearch) one of
 * the `filter` words, if any are given, and none of the `filterout` words, in its title, its summary or the
 * text of its HTML. Plain substring search (String.prototype.includes), so its cost is bounded by the
 * text's length times the words' (at most FILTER_MAX_WORDS of FILTER_MAX_WORD_LENGTH), whatever the input. Undefined when the filter has no words, so callers skip it.
 */
export function createItemMatcher(itemFilter: ItemFilter): ((article: Article) => boolean) | undefined {
  if (itemFilter.filter.length === 0 && itemFilter.filterout.length === 0) return undefined;
  const wanted = itemFilter.filter.map(searchWord);
  const unwanted = itemFilter.filterout.map(searchWord);
  return (article) => {
    const text = new ArticleText(article);
    return (wanted.length === 0 || holdsAny(text, wanted)) && !holdsAny(text, unwanted);
  };
}

function searchWord(word: string): SearchWord {
  const folded = foldForSearch(word);
  return { folded, stable: isFoldStable(folded) };
}

/** An article's searchable fields (0 title, 1 summary, 2 text), each stripped or folded only when a word first needs it. */
class ArticleText {
  private readonly raws: (string | undefined)[];
  private readonly foldeds: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly article: Article;

  constructor(article: Article) {
    this.article = article;
    this.raws = [article.title, article.summary, undefined];
  }

  raw(field: number): string {
    return (this.raws[field] ??= htmlText(this.article.contentHtml));
  }

  folded(field: number): string {
    return (this.foldeds[field] ??= foldForSearch(this.raw(field)));
  }
}

function holdsAny(text: ArticleText, words: readonly SearchWord[]): boolean {
  for (let field = 0; field < FIELD_COUNT; field++) {
    for (const word of words) {
      // Article strings are NFC (src/model/article.ts), and a stable word is the same in folded text.
      const haystack = word.stable ? text.raw(field) : text.folded(field);
      if (haystack.includes(word.folded)) return true;
    }
  }
  return false;
}
