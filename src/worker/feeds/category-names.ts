import type { Article } from "../../model/article";
import { normalizeName } from "../../model/scope";

/**
 * The names an item is filed under, for RSS `category`, Atom `category` and JSON Feed `tags`: every level of
 * every category hierarchy (root first), then the tags; each name once, blank names left out.
 */
export function categoryNames(article: Pick<Article, "categories" | "tags">): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (name: string): void => {
    const normalized = normalizeName(name);
    if (normalized !== "" && !seen.has(normalized)) {
      seen.add(normalized);
      names.push(normalized);
    }
  };
  // A reader has no notion of a hierarchy, so each level is its own category: a post in 金融 › 新浪财经 is
  // found under either name, as it is on the site, where a parent's feed holds its descendants' posts.
  for (const hierarchy of article.categories) hierarchy.forEach(add);
  article.tags.forEach(add);
  return names;
}
