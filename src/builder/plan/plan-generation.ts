import type { Article } from "../../model/article";
import { isAscii } from "node:buffer";
import { compareStrings } from "../../model/compare-strings";
import { HEAD_LEAD_ITEMS, HEAD_REST_SEPARATOR, HEAD_SIZE } from "../../model/feed-page";
import { PAGE_ITEM_MAX_BYTES } from "../../model/kv-limits";
import { articleKey, manifestKey, pageKey, shardKey } from "../../model/keys";
import type { ArchiveEntry, ArticleLocation, ArticleShard, CategoryNode, Manifest, ScopeEntry } from "../../model/manifest";
import { MANIFEST_FORMAT, shardCountFor, shardOfArticle } from "../../model/manifest";
import { findPageByTime } from "../../model/find-page";
import { pageNameOfTime } from "../../model/page-name";
import { permalinkPath } from "../../model/permalink-path";
import { type Scope, scopeId, scopesOfArticle } from "../../model/scope";
import type { SiteDefaults } from "../../model/site-config";
import { utf8ByteLength } from "../../model/utf8-byte-length";
import { type ChunkItem, chunkScope, isBoundaryId } from "./chunk-scope";
import { cutArticleForPage } from "./cut-article-for-page";

/** Hashes the concatenation of `parts` (without building it) to a short hex string fit for a KV key. */
export type HashParts = (parts: readonly string[]) => string;

/** One KV entry a generation needs: its content-addressed key and a way to produce its bytes on demand. */
export interface PlannedEntry {
  key: string;
  /** Builds the value; called only for entries that must be written, so unchanged pages cost no memory. */
  value: () => string | Uint8Array;
  /**
   * The value's size in UTF-8 bytes before any encoding (PlanOptions.encodeValue), known without building it:
   * KV's limits are checked on it, an upper bound of what compression leaves.
   */
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
  article: Pick<Article, "id" | "published" | "updated" | "categories" | "tags" | "author" | "permalink">;
  /** `hash([json])`. */
  hash: string;
  json: () => string;
  /**
   * Copies the same JSON's `bytes` UTF-8 bytes into `target` at `offset`, where the article's source holds it
   * so (the build's file): pages are assembled from the file's bytes in place, never as strings to encode again
   * nor as a buffer per item to copy and collect (on 10,000 articles, 112 MB of each).
   */
  copyJson?: (target: Buffer, offset: number) => void;
  /** The JSON's size in UTF-8 bytes. */
  bytes: number;
}

interface ScopeItems {
  scope: Scope;
  /** Indexes into the sorted article list, oldest first. */
  items: number[];
}

/** What planArticles may be given besides the articles. */
export interface PlanOptions {
  /**
   * Makes the copy pages hold of an article whose JSON is longer than PAGE_ITEM_MAX_BYTES: the article with its
   * HTML cut to fit and `truncated` set (default cutArticleForPage). Only called for such articles.
   */
  cutForPage?: (json: string) => string;
  /**
   * Encodes the values of pages and of articles stored alone, which hold nearly all of a generation's bytes
   * (the publish commands compress them, see compressStoredValue); manifests and shards stay text, which is all
   * publishing reads back. It is given the value's UTF-8 bytes, valid only during the call (pages are built
   * in one reused buffer): it must copy what it keeps. Default: the text as it is. The Worker reads either
   * (decodeStoredValue).
   */
  encodeValue?: (bytes: Uint8Array) => string | Uint8Array;
}

/** What a page holds of one article: the article itself, or its cut copy when it is too long. */
interface PageItem {
  hash: string;
  json: () => string;
  copyJson?: (target: Buffer, offset: number) => void;
  bytes: number;
}

/**
 * Plans one generation from every article to publish: each scope's pages, whose boundaries the articles
 * decide (see chunkScope), so that adding or editing one article changes one page per scope; each scope's
 * head; the article index shards; the manifest. Articles live in the pages; only one too long for them is
 * stored alone as well. Pure: the same articles give the same keys and bytes.
 */
export function planGeneration(articles: readonly Article[], hash: HashParts, site?: SiteDefaults, options: PlanOptions = {}): GenerationPlan {
  return planArticles(
    articles.map((article) => {
      const json = JSON.stringify(article);
      return { article, hash: hash([json]), json: () => json, bytes: utf8ByteLength(json) };
    }),
    hash,
    site,
    options,
  );
}

/**
 * planGeneration over articles whose JSON is read on demand. A page is keyed by the hash of its framing and
 * its items' hashes rather than of its bytes: the same items give the same bytes, so the key still changes
 * exactly when the content does, and planning never reads or hashes an article's text twice.
 */
export function planArticles(articles: readonly PlanArticle[], hash: HashParts, site?: SiteDefaults, options: PlanOptions = {}): GenerationPlan {
  const cutForPage = options.cutForPage ?? cutArticleForPage;
  // Every page is assembled here and encoded before the next one is: one buffer, grown to the largest page,
  // instead of a new one per page (on 10,000 articles, 112 MB that the collector then had to reclaim).
  let scratch = Buffer.alloc(0);
  const encode = options.encodeValue ?? ((bytes: Uint8Array): string | Uint8Array => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  // Oldest first; ties broken by id so the order, and so every page, is stable. Sorted as positions, so
  // the id order the shards need comes from the input's when that is in id order already (a build's is).
  const order = [...articles.keys()].sort(
    (left, right) =>
      compareStrings(articles[left]!.article.published, articles[right]!.article.published) || compareStrings(articles[left]!.article.id, articles[right]!.article.id),
  );
  const planned = order.map((position) => articles[position]!);
  const sorted = planned.map((entry) => entry.article);
  const entries = new Map<string, PlannedEntry>();
  const add = (key: string, value: () => string | Uint8Array, bytes: number): void => {
    if (!entries.has(key)) entries.set(key, { key, value, bytes });
  };
  // An article too long for pages is stored alone, and the pages hold its cut copy (read once, here: rare).
  const pageItems: PageItem[] = planned.map((entry) => {
    if (entry.bytes <= PAGE_ITEM_MAX_BYTES) return entry;
    add(articleKey(entry.hash), () => encode(jsonBytes(entry)), entry.bytes);
    const copy = cutForPage(entry.json());
    return { hash: hash([copy]), json: () => copy, bytes: utf8ByteLength(copy) };
  });

  const scopes = new Map<string, ScopeItems>();
  // Articles share their categories, tags and author with many others: each such set's scopes (and their
  // ids, which normalize and encode every name) are worked out once.
  const scopesOfSet = new Map<string, ScopeItems[]>();
  sorted.forEach((article, index) => {
    const set = JSON.stringify([article.categories, article.tags, article.author ?? null]);
    let entries = scopesOfSet.get(set);
    if (!entries) {
      entries = scopesOfArticle(article).map((scope) => {
        const id = scopeId(scope);
        let entry = scopes.get(id);
        if (!entry) scopes.set(id, (entry = { scope, items: [] }));
        return entry;
      });
      scopesOfSet.set(set, entries);
    }
    for (const entry of entries) entry.items.push(index);
  });
  // What chunking asks of each item, once per article rather than once per scope it is in.
  const chunkItems: ChunkItem[] = sorted.map((article) => ({ id: article.id, published: article.published, name: pageNameOfTime(article.published), boundary: isBoundaryId(article.id) }));

  const scopeEntries: Record<string, ScopeEntry> = {};
  // For the site scope: the page each article is on, by its index in `sorted`.
  const sitePageOf: string[] = [];
  for (const id of [...scopes.keys()].sort(compareStrings)) {
    const { scope, items } = scopes.get(id)!;
    const total = items.length;
    const chunks = chunkScope(items.map((index) => chunkItems[index]!));
    // Every page but the newest is an archive: a newer page follows it (RFC 5005 §4's next-archive).
    const archives: ArchiveEntry[] = chunks.slice(0, -1).map((chunk) => {
      const pageItemIndexes = items.slice(chunk.start, chunk.end).reverse();
      const prefix = `{"kind":"archive","name":${JSON.stringify(chunk.name)},"items":[`;
      return [chunk.name, addPage(prefix, pageItemIndexes), pageItemIndexes.length];
    });
    const newestChunk = chunks[chunks.length - 1]!;
    const newest = items.slice(Math.max(0, total - HEAD_SIZE)).reverse();
    // No scope in a page's bytes: scopes with the same items share its key (see FeedPage), and add() keeps one.
    const head = addHead(newest);
    const updated = items.reduce((latest, index) => max(latest, sorted[index]!.updated), "");
    scopeEntries[id] = { scope, total, updated, head, archives, open: { name: newestChunk.name, count: newestChunk.end - newestChunk.start } };
    if (scope.kind === "site") {
      for (const chunk of chunks) for (let position = chunk.start; position < chunk.end; position++) sitePageOf[items[position]!] = chunk.name;
    }
  }

  const siteEntry = scopeEntries[scopeId({ kind: "site" })];
  const shardCount = shardCountFor(sorted.length);
  const shards: Record<string, string> = {};
  const shardArticles = new Map<string, Record<string, ArticleLocation>>();
  inIdOrder(sorted, articles, order).forEach((index) => {
    const article = sorted[index]!;
    const shard = shardOfArticle(article.id, shardCount);
    let map = shardArticles.get(shard);
    if (!map) shardArticles.set(shard, (map = {}));
    const location: ArticleLocation = { published: article.published };
    // The page the time alone finds is almost always the article's; where it is not, the shard says.
    if (siteEntry !== undefined && findPageByTime(siteEntry, article.published) !== sitePageOf[index]) location.page = sitePageOf[index]!;
    if (pageItems[index] !== planned[index]) location.article = planned[index]!.hash;
    map[article.id] = location;
  });
  for (const shard of [...shardArticles.keys()].sort(compareStrings)) {
    const value: ArticleShard = { articles: shardArticles.get(shard)! };
    const text = JSON.stringify(value);
    const shardHash = hash([text]);
    shards[shard] = shardHash;
    add(shardKey(shardHash), () => text, utf8ByteLength(text));
  }

  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    updated: sorted.reduce((latest, article) => max(latest, article.updated), ""),
    scopes: scopeEntries,
    categories: buildCategoryTree(scopes),
    tags: buildTagList(scopes),
    shardCount,
    shards,
  };
  const permalinks = buildPermalinkIndex(sorted);
  const authors = buildAuthorList(scopes);
  // Only when some post names its author, so a site whose posts name none keeps the manifest it had.
  if (authors.length > 0) manifest.authors = authors;
  if (permalinks !== undefined) manifest.permalinks = permalinks;
  if (site !== undefined && Object.keys(site).length > 0) manifest.site = site;
  const manifestText = JSON.stringify(manifest);
  const manifestHash = hash([manifestText]);
  add(manifestKey(manifestHash), () => manifestText, utf8ByteLength(manifestText));
  return { manifest, manifestHash, entries: [...entries.values()] };

  function addPage(prefix: string, itemIndexes: number[]): string {
    const pageHash = hash([prefix, itemHashes(itemIndexes), "]}"]);
    const bytes = pageLength(prefix, itemIndexes);
    add(pageKey(pageHash), () => encode(pageBytes(prefix, itemIndexes, bytes)), bytes);
    return pageHash;
  }

  /**
   * A head in its stored layout (HEAD_LEAD_ITEMS): the newest items as plain JSON (UTF-16LE unless ASCII), then
   * the separator and the rest encoded as every page is. Keyed apart from a head of format 3 (compressed whole)
   * and of format 4 (the lead always UTF-8) with the same items, so a store holding one of those never keeps it
   * under this key. With the text encoding (no compression) the value is text too, its lead UTF-8.
   */
  function addHead(itemIndexes: number[]): string {
    const lead = itemIndexes.slice(0, HEAD_LEAD_ITEMS);
    const rest = itemIndexes.slice(HEAD_LEAD_ITEMS);
    const headHash = hash([`{"kind":"head","lead":${HEAD_LEAD_ITEMS},"wide":true,"items":[`, itemHashes(lead), "],\"rest\":[", itemHashes(rest), "]}"]);
    const leadBytes = pageLength(HEAD_PREFIX, lead);
    const restBytes = rest.length === 0 ? 0 : pageLength(REST_PREFIX, rest);
    const bytes = leadBytes + (rest.length === 0 ? 0 : 1 + restBytes);
    add(
      pageKey(headHash),
      () => {
        // The lead is copied out of the scratch buffer before the rest is built in it.
        const leadUtf8 = Buffer.from(pageBytes(HEAD_PREFIX, lead, leadBytes));
        if (rest.length === 0) return options.encodeValue === undefined ? leadUtf8.toString("utf8") : storedLead(leadUtf8).bytes;
        const restValue = encode(pageBytes(REST_PREFIX, rest, restBytes));
        if (typeof restValue === "string") return `${leadUtf8.toString("utf8")}\n${restValue}`;
        const { bytes: leadValue, wide } = storedLead(leadUtf8);
        // The separator in the lead's own encoding: one byte, or one UTF-16LE code unit.
        const separatorBytes = wide ? 2 : 1;
        const value = new Uint8Array(leadValue.byteLength + separatorBytes + restValue.byteLength);
        value.set(leadValue, 0);
        value[leadValue.byteLength] = HEAD_REST_SEPARATOR;
        value.set(restValue, leadValue.byteLength + separatorBytes);
        return value;
      },
      bytes,
    );
    return headHash;
  }

  /** The items' hashes, comma-separated: what a page's key is hashed from in place of their JSON. */
  function itemHashes(itemIndexes: number[]): string {
    return itemIndexes.map((itemIndex) => pageItems[itemIndex]!.hash).join(",");
  }

  /** The UTF-8 length of a page of `itemIndexes` after `prefix`: its framing, each item's JSON and the commas between them. */
  function pageLength(prefix: string, itemIndexes: number[]): number {
    return itemIndexes.reduce((sum, itemIndex) => sum + pageItems[itemIndex]!.bytes, utf8ByteLength(prefix) + "]}".length + Math.max(0, itemIndexes.length - 1));
  }

  /**
   * The page's JSON as UTF-8, `bytes` long: its framing and its items' JSON, comma-separated, copied into the
   * scratch buffer, so valid until the next page is built.
   */
  function pageBytes(prefix: string, itemIndexes: number[], bytes: number): Buffer {
    if (scratch.length < bytes) scratch = Buffer.allocUnsafe(Math.max(bytes, scratch.length * 2));
    const page = scratch.subarray(0, bytes);
    let offset = page.write(prefix, 0, "utf8");
    itemIndexes.forEach((itemIndex, position) => {
      if (position > 0) page[offset++] = COMMA;
      const item = pageItems[itemIndex]!;
      if (item.copyJson) item.copyJson(page, offset);
      else if (page.write(item.json(), offset, "utf8") !== item.bytes) throw new Error("an item's JSON is not as long as planned");
      offset += item.bytes;
    });
    offset += page.write("]}", offset, "utf8");
    // The sizes come from the sources; a line that changed since it was measured must not leave stale memory in a value.
    if (offset !== bytes) throw new Error(`a page's items are ${offset} bytes, not the ${bytes} planned (was the build's file changed meanwhile?)`);
    return page;
  }
}

const COMMA = 0x2c;
// A stored head's lead and rest (see HEAD_LEAD_ITEMS).
const HEAD_PREFIX = `{"kind":"head","items":[`;
const REST_PREFIX = `{"items":[`;

/**
 * A head's lead as stored (HEAD_LEAD_ITEMS): UTF-16LE when it holds any character beyond ASCII, which the
 * Worker decodes many times faster than such UTF-8; its UTF-8 bytes when it is ASCII, half the size and as fast.
 */
function storedLead(utf8: Buffer): { bytes: Buffer; wide: boolean } {
  return isAscii(utf8) ? { bytes: utf8, wide: false } : { bytes: Buffer.from(utf8.toString("utf8"), "utf16le"), wide: true };
}

/** An article's JSON as UTF-8 bytes, copied from its source where it can be. */
function jsonBytes(article: PlanArticle): Uint8Array {
  if (!article.copyJson) return Buffer.from(article.json(), "utf8");
  const bytes = Buffer.allocUnsafe(article.bytes);
  article.copyJson(bytes, 0);
  return bytes;
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

/** Lists the authors posts name with their article counts, most prolific first. */
function buildAuthorList(scopes: Map<string, ScopeItems>): { name: string; total: number }[] {
  const authors: { name: string; total: number }[] = [];
  for (const { scope, items } of scopes.values()) {
    if (scope.kind === "author") authors.push({ name: scope.name, total: items.length });
  }
  return authors.sort((left, right) => right.total - left.total || compareStrings(left.name, right.name));
}

function pathLength(scope: Scope): number {
  return scope.kind === "category" ? scope.path.length : 0;
}


/** The indexes into `sorted` in id order: read off `order` when `articles` is in id order, else sorted. */
function inIdOrder(sorted: readonly PlanArticle["article"][], articles: readonly PlanArticle[], order: readonly number[]): number[] {
  let ordered = true;
  for (let index = 1; index < articles.length && ordered; index++) ordered = compareStrings(articles[index - 1]!.article.id, articles[index]!.article.id) < 0;
  if (!ordered) return [...sorted.keys()].sort((left, right) => compareStrings(sorted[left]!.id, sorted[right]!.id));
  const indexes = new Array<number>(order.length);
  order.forEach((position, index) => (indexes[position] = index));
  return indexes;
}

function max(left: string, right: string): string {
  return right > left ? right : left;
}
