import type { Article } from "./article";

/** What a feed covers: the whole site, one node of a category hierarchy, one tag, or one author. */
export type Scope =
  | { kind: "site" }
  | { kind: "category"; path: string[] }
  | { kind: "tag"; name: string }
  | { kind: "author"; name: string };

/** Normalizes a category, tag or author name for comparison and storage: Unicode NFC, outer whitespace trimmed. */
export function normalizeName(name: string): string {
  return name.normalize("NFC").trim();
}

/** The scope's path on the site, ending in `/`: `/`, `/categories/金融/新浪财经/` (percent-encoded), `/tags/x/`, `/authors/x/`. */
export function scopePath(scope: Scope): string {
  switch (scope.kind) {
    case "site":
      return "/";
    case "category":
      return `/categories/${scope.path.map((name) => encodeURIComponent(normalizeName(name))).join("/")}/`;
    case "tag":
      return `/tags/${encodeURIComponent(normalizeName(scope.name))}/`;
    case "author":
      return `/authors/${encodeURIComponent(normalizeName(scope.name))}/`;
  }
}

/** A scope's identity, unique and canonical (equal names after NFC give equal ids); its path doubles as the id. */
export function scopeId(scope: Scope): string {
  return scopePath(scope);
}

/**
 * A human title for the scope: the site's title, `金融 › 新浪财经`, `#tag` or `@author`. The marks keep a tag or
 * an author apart from a top-level category of the same name (the seed's author 新浪财经 is also a category).
 */
export function scopeTitle(scope: Scope, siteTitle: string): string {
  switch (scope.kind) {
    case "site":
      return siteTitle;
    case "category":
      return `${scope.path.join(" › ")} · ${siteTitle}`;
    case "tag":
      return `#${scope.name} · ${siteTitle}`;
    case "author":
      return `@${scope.name} · ${siteTitle}`;
  }
}

/**
 * Every scope an article appears in: the site, each node of each of its category hierarchies
 * (a parent's feed holds its descendants' posts, as in Hexo), each tag, and its author; without repeats.
 */
export function scopesOfArticle(article: Pick<Article, "categories" | "tags" | "author">): Scope[] {
  const scopes: Scope[] = [{ kind: "site" }];
  const seen = new Set<string>(["/"]);
  const add = (scope: Scope): void => {
    const id = scopeId(scope);
    if (!seen.has(id)) {
      seen.add(id);
      scopes.push(scope);
    }
  };
  for (const hierarchy of article.categories) {
    for (let depth = 1; depth <= hierarchy.length; depth++) {
      add({ kind: "category", path: hierarchy.slice(0, depth) });
    }
  }
  for (const tag of article.tags) add({ kind: "tag", name: tag });
  const author = authorScopeOf(article.author);
  if (author !== undefined) add(author);
  return scopes;
}

/** The longest author name that gets a feed, in code points, as for categories and tags (a URL carries a CJK one as nine bytes). */
export const AUTHOR_NAME_MAX_LENGTH = 200;

/**
 * The author scope of an article's author, or undefined when it has none: when the post names no author
 * (SITE_AUTHOR, whom the feeds credit with such posts, is a Worker setting that a deploy can change, and its
 * feed would repeat the site's), or a name that cannot be a URL path segment (`.` and `..`, which URL parsers
 * resolve away) or is longer than AUTHOR_NAME_MAX_LENGTH.
 */
export function authorScopeOf(author: string | undefined): Scope | undefined {
  const name = author === undefined ? "" : normalizeName(author);
  if (name === "" || name === "." || name === ".." || [...name].length > AUTHOR_NAME_MAX_LENGTH) return undefined;
  return { kind: "author", name };
}
