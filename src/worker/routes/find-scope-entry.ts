import { StatusError } from "itty-router";
import type { Manifest, ScopeEntry } from "../../model/manifest";
import { type Scope, scopeId } from "../../model/scope";

// Enough names for a reader to spot a typo, few enough to keep a 404 small.
const LISTED_NAMES = 30;

/** The manifest's entry for a scope, or a 404 that says what was asked and what exists instead. */
export function findScopeEntry(manifest: Manifest, scope: Scope): ScopeEntry {
  const entry = manifest.scopes[scopeId(scope)];
  if (entry) return entry;
  throw new StatusError(404, describeMissing(manifest, scope));
}

function describeMissing(manifest: Manifest, scope: Scope): string {
  const everyFeed = "Every feed is listed in /opml.xml; the home page / lists categories, tags and authors.";
  switch (scope.kind) {
    case "site":
      return `Nothing has been published in this generation, so the site has no feed yet. ${everyFeed}`;
    case "tag": {
      const tags = manifest.tags.slice(0, LISTED_NAMES).map((tag) => tag.name);
      const known = tags.length > 0 ? ` Tags in use include: ${tags.join(", ")}.` : " No article has a tag.";
      return `There is no tag "${scope.name}".${known} ${everyFeed}`;
    }
    case "author": {
      const authors = (manifest.authors ?? []).slice(0, LISTED_NAMES).map((author) => author.name);
      // Posts that name no author are credited to SITE_AUTHOR in the feeds, and are in the site's feed only.
      const known = authors.length > 0 ? ` Authors with feeds: ${authors.join(", ")}.` : " No article names its author, so there are no author feeds; the site's feed is /feed.xml.";
      return `There is no author "${scope.name}".${known} ${everyFeed}`;
    }
    case "category": {
      // Walk down the tree as far as the path matches, then list what exists at that level.
      let level = manifest.categories;
      let found: string[] = [];
      for (const name of scope.path) {
        const node = level.find((candidate) => candidate.name === name);
        if (!node) break;
        found = node.path;
        level = node.children;
      }
      const where = found.length > 0 ? `"${found.join(" › ")}" exists; its subcategories are` : "The top-level categories are";
      const names = level.slice(0, LISTED_NAMES).map((node) => node.name);
      const listing = names.length > 0 ? `${where}: ${names.join(", ")}.` : `"${found.join(" › ")}" has no subcategories.`;
      return `There is no category "${scope.path.join(" › ")}". ${listing} ${everyFeed}`;
    }
  }
}
