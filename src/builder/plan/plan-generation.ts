import type { Article } from "../../model/article";
import { compareStrings } from "../../model/compare-strings";
import { HEAD_SIZE, PAGE_SIZE } from "../../model/feed-page";
import { articleKey, manifestKey, pageKey, shardKey } from "../../model/keys";
import type { ArticleShard, CategoryNode, Manifest, ScopeEntry } from "../../model/manifest";
import { shardOfArticle } from "../../model/manifest";
import { permalinkPath } from "../../model/permalink-path";
import { type Scope, scopeId, scopesOfArticle } from "../../model/scope";
import type { SiteDefaults } from "../../model/site-config";
import { utf8ByteLength } from "../../model/utf8-byte-length";

/** Hashes the concatenation of `parts` (without building it) to a short hex string fit for a KV key. */
export type HashParts = (parts: readonly string[]) => string;

/** One KV entry a generation needs: its content-addressed key and a way to produce its bytes on demand. */
export interface PlannedEntry {
  key: string;
  /** Builds the value; called only for entries that must be written, so unchanged pages cost no memory. */
  value: () => string;
  /** The value's size in UTF-8 bytes, known without building it (KV's limits are checked on it). */
  bytes: number;
}

/** A whole generation as data: the manifest and every content-addressed entry it uses. */
export interface GenerationPlan {
  manifest: Manifest;
  manifestHash: string;
  /** Every key the generation reads (the manifest's included, `current` not), each once. */
  entries: PlannedEntry[];
}

/**
 * An article as the planner needs it: what orders and files it, the hash of its stored JSON, and a way to
 * get that JSON. The JSON is asked for only when a value must be written, so a large build need not hold
 * every article's text in memory (the publish command reads it back from the build's file).
 */
export interface PlanArticle {
  article: Pick<Article, "id" | "published" | "updated" | "categories" | "tags" | "permalink">;
  /** `hash([json])`. */
  hash: string;
  json: () => string;
  /** The JSON's size in UTF-8 bytes. */
  bytes: number;
}

interface ScopeItems {
  scope: Scope;
  /** Indexes into the sorted article list, oldest first. */
  items: number[];
}

/**
 * Plans one generation from every article to publish: pages of 20 chunked from the oldest end per scope
 * (RFC 5005 archives that never change), each scope's head, the article index shards and the manifest.
 * Pure: the same articles give the same keys and bytes.
 */
export function planGeneration(articles: readonly Article[], hash: HashParts, site?: SiteDefaults): GenerationPlan {
  return planArticles(
    articles.map((article) => {
      const json = JSON.stringify(article);
      return { article, hash: hash([json]), json: () => json, bytes: utf8ByteLength(json) };
    }),
    hash,
    site,
  );
}

/**
 * planGeneration over articles whose JSON is read on demand. A page is keyed by the hash of its framing and
 * its items' hashes rather than of its bytes: the same items give the same bytes, so the key still changes
 * exactly when the content does, and planning never reads or hashes an article's text twice.
 */
export function planArticles(articles: readonly PlanArticle[], hash: HashParts, site?: SiteDefaults): GenerationPlan {
  // Oldest first; ties broken by id so the order, and so every page, is stable.
  const planned = [...articles].sort(
    (left, right) => compareStrings(left.article.published, right.article.published) || compareStrings(left.article.id, right.article.id),
  );
  const sorted = planned.map((entry) => entry.article);
  const articleHashes = planned.map((entry) => entry.hash);
  const entries = new Map<string, PlannedEntry>();
  const add = (key: string, value: () => string, bytes: number): void => {
    if (!entries.has(key)) entries.set(key, { key, value, bytes });
  };
  planned.forEach((entry) => add(articleKey(entry.hash), entry.json, entry.bytes));

  const scopes = new Map<string, ScopeItems>();
  sorted.forEach((article, index) => {
    for (const scope of scopesOfArticle(article)) {
      const id = scopeId(scope);
      let entry = scopes.get(id);
      if (!entry) scopes.set(id, (entry = { scope, items: [] }));
      entry.items.push(index);
    }
  });

  const scopeEntries: Record<string, ScopeEntry> = {};
  for (const id of [...scopes.keys()].sort(compareStrings)) {
    const { scope, items } = scopes.get(id)!;
    const total = items.length;
    const archiveCount = Math.floor(total / PAGE_SIZE);
    const archives: string[] = [];
    for (let index = 1; index <= archiveCount; index++) {
      const chunk = items.slice((index - 1) * PAGE_SIZE, index * PAGE_SIZE).reverse();
      const prefix = `{"kind":"archive","scope":${JSON.stringify(scope)},"index":${index},"items":[`;
      archives.push(addPage(prefix, chunk));
    }
    const newest = items.slice(Math.max(0, total - HEAD_SIZE)).reverse();
    const headPrefix = `{"kind":"head","scope":${JSON.stringify(scope)},"total":${total},"archives":${archiveCount},"items":[`;
    const head = addPage(headPrefix, newest);
    const updated = items.reduce((latest, index) => max(latest, sorted[index]!.updated), "");
    scopeEntries[id] = { scope, total, updated, head, archives };
  }

  const shards: Record<string, string> = {};
  const shardArticles = new Map<string, Record<string, string>>();
  [...sorted.keys()]
    .sort((left, right) => compareStrings(sorted[left]!.id, sorted[right]!.id))
    .forEach((index) => {
      const shard = shardOfArticle(sorted[index]!.id);
      let map = shardArticles.get(shard);
      if (!map) shardArticles.set(shard, (map = {}));
      map[sorted[index]!.id] = articleHashes[index]!;
    });
  for (const shard of [...shardArticles.keys()].sort(compareStrings)) {
    const value: ArticleShard = { articles: shardArticles.get(shard)! };
    const text = JSON.stringify(value);
    const shardHash = hash([text]);
    shards[shard] = shardHash;
    add(shardKey(shardHash), () => text, utf8ByteLength(text));
  }

  const manifest: Manifest = {
    format: 1,
    updated: sorted.reduce((latest, article) => max(latest, article.updated), ""),
    scopes: scopeEntries,
    categories: buildCategoryTree(scopes),
    tags: buildTagList(scopes),
    shards,
  };
  const permalinks = buildPermalinkIndex(sorted);
  if (permalinks !== undefined) manifest.permalinks = permalinks;
  if (site !== undefined && Object.keys(site).length > 0) manifest.site = site;
  const manifestText = JSON.stringify(manifest);
  const manifestHash = hash([manifestText]);
  add(manifestKey(manifestHash), () => manifestText, utf8ByteLength(manifestText));
  return { manifest, manifestHash, entries: [...entries.values()] };

  function addPage(prefix: string, itemIndexes: number[]): string {
    const pageHash = hash([prefix, itemIndexes.map((itemIndex) => articleHashes[itemIndex]!).join(","), "]}"]);
    // The page's bytes: its framing, each item's JSON and the commas between them.
    const bytes = itemIndexes.reduce((sum, itemIndex) => sum + planned[itemIndex]!.bytes, utf8ByteLength(prefix) + "]}".length + Math.max(0, itemIndexes.length - 1));
    add(pageKey(pageHash), () => `${prefix}${itemIndexes.map((itemIndex) => planned[itemIndex]!.json()).join(",")}]}`, bytes);
    return pageHash;
  }
}

/**
 * The old Hexo URLs of the articles that have one (see Manifest.permalinks), keyed by path in id order; undefined
 * when none has, which leaves a site that never was a Hexo site's manifest as it was.
 */
function buildPermalinkIndex(articles: readonly PlanArticle["article"][]): Record<string, string> | undefined {
  const paths: [string, string][] = [];
  for (const article of articles) if (article.permalink !== undefined) paths.push([permalinkPath(new URL(article.permalink).pathname), article.id]);
  if (paths.length === 0) return undefined;
  return Object.fromEntries(paths.sort((left, right) => compareStrings(left[0], right[0])));
}

/** Builds the category forest from the category scopes, children sorted by name. */
function buildCategoryTree(scopes: Map<string, ScopeItems>): CategoryNode[] {
  const roots: CategoryNode[] = [];
  const nodes = new Map<string, CategoryNode>();
  const categoryScopes = [...scopes.values()]
    .filter((entry) => entry.scope.kind === "category")
    .sort((left, right) => pathLength(left.scope) - pathLength(right.scope) || compareStrings(scopeId(left.scope), scopeId(right.scope)));
  for (const { scope, items } of categoryScopes) {
    if (scope.kind !== "category") continue;
    const node: CategoryNode = { name: scope.path[scope.path.length - 1]!, path: scope.path, total: items.length, children: [] };
    nodes.set(scopeId(scope), node);
    const parent = scope.path.length > 1 ? nodes.get(scopeId({ kind: "category", path: scope.path.slice(0, -1) })) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sortTree = (list: CategoryNode[]): void => {
    list.sort((left, right) => compareStrings(left.name, right.name));
    list.forEach((node) => sortTree(node.children));
  };
  sortTree(roots);
  return roots;
}

/** Lists tags with their article counts, most used first. */
function buildTagList(scopes: Map<string, ScopeItems>): { name: string; total: number }[] {
  const tags: { name: string; total: number }[] = [];
  for (const { scope, items } of scopes.values()) {
    if (scope.kind === "tag") tags.push({ name: scope.name, total: items.length });
  }
  return tags.sort((left, right) => right.total - left.total || compareStrings(left.name, right.name));
}

function pathLength(scope: Scope): number {
  return scope.kind === "category" ? scope.path.length : 0;
}


function max(left: string, right: string): string {
  return right > left ? right : left;
}
