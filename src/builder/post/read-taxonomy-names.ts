import { cleanXmlText } from "../../model/clean-xml-text";
import { normalizeName } from "../../model/scope";

/** Category hierarchies and tags read from front matter, with what needs reporting. */
export interface TaxonomyNames {
  categories: string[][];
  tags: string[];
  /** Warnings (values that were not names, characters removed), each with the front-matter key it is about. */
  warnings: { key: string; message: string }[];
}

/**
 * Bounds on one post's taxonomy. Each category level and each tag is a feed, a page and a line of the
 * manifest, and a hierarchy's scope ids repeat its whole path: without bounds one scraped post with a
 * 10,000-level hierarchy made a manifest too deep to serialize and stopped the publish for every post.
 * Real posts have a few categories, a few levels and short names; what is past a bound is left out, with a warning.
 */
export const TAXONOMY_LIMITS = { hierarchies: 100, depth: 10, tags: 100, nameLength: 200 } as const;

/** A category or tag name from a YAML scalar: text, or a number or boolean written bare (`- 2021`). */
function readName(value: unknown, field: string, warnings: string[]): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    warnings.push(`${field} entry ${JSON.stringify(value)} is not a name; it was left out`);
    return undefined;
  }
  const cleaned = cleanXmlText(String(value));
  if (cleaned.removed) warnings.push(`${field} ${JSON.stringify(cleaned.text)} had characters XML forbids; they were removed`);
  const name = normalizeName(cleaned.text.replace(/\s+/g, " "));
  // A name becomes a URL path segment (`/categories/../`), and URL parsers resolve `.` and `..` segments
  // (WHATWG URL "single-dot" and "double-dot path segments"), so such a scope would have the site's URL.
  if (name === "." || name === "..") {
    warnings.push(`${field} ${JSON.stringify(name)} cannot be a name in a URL path; it was left out`);
    return undefined;
  }
  // Counted in code points; a URL carries each CJK one as nine bytes, and URLs past 16 KB are refused upstream.
  if ([...name].length > TAXONOMY_LIMITS.nameLength) {
    warnings.push(`${field} "${[...name].slice(0, 40).join("")}…" is longer than ${TAXONOMY_LIMITS.nameLength} characters; it was left out`);
    return undefined;
  }
  return name === "" ? undefined : name;
}

/**
 * Hexo's categories: a list is ONE hierarchy from root to leaf (`[金融, 新浪财经]` → 金融 > 新浪财经); a list
 * holding lists is several hierarchies, each plain entry then being a one-level hierarchy of its own; a string
 * is one category. Empty names are dropped and a hierarchy seen twice is kept once.
 */
function readCategories(value: unknown, warnings: string[]): string[][] {
  if (value === null || value === undefined) return [];
  const entries: unknown[] = Array.isArray(value) ? value : [value];
  const hierarchies: unknown[][] = entries.some(Array.isArray)
    ? entries.map((entry) => (Array.isArray(entry) ? entry : [entry]))
    : [entries];
  const result: string[][] = [];
  const seen = new Set<string>();
  for (let hierarchy of hierarchies) {
    if (result.length === TAXONOMY_LIMITS.hierarchies) {
      warnings.push(`more than ${TAXONOMY_LIMITS.hierarchies} categories; the rest were left out`);
      break;
    }
    if (hierarchy.length > TAXONOMY_LIMITS.depth) {
      warnings.push(`a category hierarchy is ${hierarchy.length} levels deep; levels past ${TAXONOMY_LIMITS.depth} were left out`);
      hierarchy = hierarchy.slice(0, TAXONOMY_LIMITS.depth);
    }
    const names: string[] = [];
    for (const entry of hierarchy) {
      const name = readName(entry, "category", warnings);
      if (name !== undefined) names.push(name);
    }
    const key = JSON.stringify(names);
    if (names.length > 0 && !seen.has(key)) {
      seen.add(key);
      result.push(names);
    }
  }
  return result;
}

/** Tags: a list or a single string; empty names and repeats are dropped. */
function readTags(value: unknown, warnings: string[]): string[] {
  if (value === null || value === undefined) return [];
  const tags: string[] = [];
  for (const entry of Array.isArray(value) ? value : [value]) {
    if (tags.length === TAXONOMY_LIMITS.tags) {
      warnings.push(`more than ${TAXONOMY_LIMITS.tags} tags; the rest were left out`);
      break;
    }
    const name = readName(entry, "tag", warnings);
    if (name !== undefined && !tags.includes(name)) tags.push(name);
  }
  return tags;
}

/** Reads `categories` (or Hexo's `category`) and `tags` (or `tag`) from front matter, Hexo's way. */
export function readTaxonomyNames(data: Record<string, unknown>): TaxonomyNames {
  const categoryKey = data.categories !== undefined && data.categories !== null ? "categories" : "category";
  const tagKey = data.tags !== undefined && data.tags !== null ? "tags" : "tag";
  const categoryWarnings: string[] = [];
  const tagWarnings: string[] = [];
  const categories = readCategories(data[categoryKey], categoryWarnings);
  const tags = readTags(data[tagKey], tagWarnings);
  const warnings = [
    ...categoryWarnings.map((message) => ({ key: categoryKey, message })),
    ...tagWarnings.map((message) => ({ key: tagKey, message })),
  ];
  return { categories, tags, warnings };
}
