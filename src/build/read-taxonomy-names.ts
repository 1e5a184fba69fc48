import { normalizeName } from "../model/scope";
import { cleanXmlText } from "./clean-xml-text";

/** Category hierarchies and tags read from front matter, with what needs reporting. */
export interface TaxonomyNames {
  categories: string[][];
  tags: string[];
  /** Warnings (values that were not names, characters removed), each with the front-matter key it is about. */
  warnings: { key: string; message: string }[];
}

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
  for (const hierarchy of hierarchies) {
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
