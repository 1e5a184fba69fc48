import type { Article } from "../../model/article";
import { normalizeName } from "../../model/scope";

/** Names normalized so far, at most NORMALIZED_NAMES_KEPT of them (then forgotten all at once). */
const normalizedNames = new Map<string, string>();
const NORMALIZED_NAMES_KEPT = 4096;

/**
 * normalizeName, once per name an isolate meets: a site files its items under a few hundred names, and NFC
 * goes through ICU for every call (2.1% of an uncached feed request's isolate time, profiled; docs/profiles.md).
 */
function normalizedName(name: string): string {
  let normalized = normalizedNames.get(name);
  if (normalized === undefined) {
    if (normalizedNames.size >= NORMALIZED_NAMES_KEPT) normalizedNames.clear();
    normalized = normalizeName(name);
    normalizedNames.set(name, normalized);
  }
  return normalized;
}

/** Adds `name`, normalized, unless it is blank or there already. */
function addName(name: string, names: string[], seen: Set<string>): void {
  const normalized = normalizedName(name);
  if (normalized !== "" && !seen.has(normalized)) {
    seen.add(normalized);
    names.push(normalized);
  }
}

/**
 * The names an item is filed under, for RSS `category`, Atom `category` and JSON Feed `tags`: every level of
 * every category hierarchy (root first), then the tags; each name once, blank names left out.
 */
export function categoryNames(article: Pick<Article, "categories" | "tags">): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  // A reader has no notion of a hierarchy, so each level is its own category: a post in 金融 › 新浪财经 is
  // found under either name, as it is on the site, where a parent's feed holds its descendants' posts.
  // Plain loops rather than a closure per call: the bundlers' keep-names wrapper made that a few % of a render.
  for (const hierarchy of article.categories) for (const name of hierarchy) addName(name, names, seen);
  for (const name of article.tags) addName(name, names, seen);
  return names;
}
