import type { Article } from "../../model/article";
import type { FeedPage } from "../../model/feed-page";
import { CURRENT_KEY, articleKey, manifestKey, pageKey, shardKey } from "../../model/keys";
import type { ArticleShard, CurrentPointer, Manifest } from "../../model/manifest";
import { SERVED_MANIFEST_FORMATS, isServedManifestFormat } from "../../model/manifest";
import { isPageName } from "../../model/page-name";
// `current` is read on every request: cached at the edge for KV's minimum of 30 s (see the model).
import { CURRENT_CACHE_TTL_SECONDS } from "../../model/pointer-staleness";
import type { CurrentMemory } from "./current-memory";
import { isStoredArticle } from "./is-stored-article";
import type { ManifestMemory } from "./manifest-memory";
import { decodeStoredPage } from "./decode-stored-page";
import { decodeStoredValue } from "./decode-stored-value";
import { StoreError } from "./store-error";

/**
 * The one KV method the store uses, as text (current, manifests, shards) or bytes (pages and articles, which
 * the publish compresses); a KVNamespace is one, and a test can wrap it to count reads.
 */
export interface KeyValueReader {
  get(key: string, options: { type: "text" | "arrayBuffer"; cacheTtl?: number }): Promise<string | ArrayBuffer | null>;
}

/** A KV namespace as the store reads it (KVNamespace#get's overloads take one type each). */
export function keyValueReader(kv: KVNamespace): KeyValueReader {
  return {
    get: (key, { type, cacheTtl }) => {
      const ttl = cacheTtl === undefined ? {} : { cacheTtl };
      return type === "text" ? kv.get(key, { type, ...ttl }) : kv.get(key, { type, ...ttl });
    },
  };
}

/**
 * Every read the Worker makes, and the only code that touches KV. Values come back parsed and checked;
 * a KV failure or a value the build would never write throws a StoreError.
 */
export interface FeedStore {
  /** The live generation pointer, or undefined before the first publish; kept a few seconds when the store has a CurrentMemory. */
  readCurrent(): Promise<CurrentPointer | undefined>;
  /** The manifest stored under `hash`; read from KV once per isolate. */
  readManifest(hash: string): Promise<Manifest>;
  /**
   * A HeadPage or ArchivePage by hash; with `leadingItems`, possibly only its first that many items (all of
   * them when it has fewer): a compressed page is then decompressed no further than those.
   */
  readPage(hash: string, leadingItems?: number): Promise<FeedPage>;
  /** An article index shard by hash. */
  readShard(hash: string): Promise<ArticleShard>;
  /** An article stored alone (one too long for pages) by hash. */
  readArticle(hash: string): Promise<Article>;
}


/**
 * A FeedStore over `kv`, keeping parsed manifests in `manifests` and, when given, the `current` pointer in
 * `current` (both per isolate).
 */
export function createFeedStore(kv: KeyValueReader, manifests: ManifestMemory, current?: CurrentMemory): FeedStore {
  return {
    readCurrent() {
      return current === undefined ? readCurrentPointer(kv) : current.remember(() => readCurrentPointer(kv));
    },
    readManifest(hash) {
      return manifests.remember(hash, async () => {
        const key = manifestKey(hash);
        const value = parse(key, await readExisting(kv, key));
        if (isRecord(value) && value.format === 1) {
          // The layout before pages ended where their items say: this Worker cannot find its pages.
          throw new StoreError(key, "a format 1 Manifest, written by an earlier edgefeed; publish again (`npm run publish`) to write this version's layout");
        }
        if (!isRecord(value) || !isServedManifestFormat(value.format) || !isRecord(value.scopes) || !Array.isArray(value.categories) || !Array.isArray(value.tags) || !isRecord(value.shards) || (value.authors !== undefined && !Array.isArray(value.authors))) {
          throw new StoreError(key, `not a Manifest of a format this Worker serves (${SERVED_MANIFEST_FORMATS.join(", ")})`);
        }
        const shardCount = value.shardCount;
        if (typeof shardCount !== "number" || !Number.isInteger(shardCount) || shardCount < 1 || shardCount > 256 || (shardCount & (shardCount - 1)) !== 0) {
          throw new StoreError(key, "a shard count that is not a power of 2 from 1 to 256");
        }
        return value as unknown as Manifest;
      });
    },
    async readPage(hash, leadingItems) {
      const key = pageKey(hash);
      const bytes = new Uint8Array(await readExistingBytes(kv, key));
      let value: unknown;
      try {
        value = await decodeStoredPage(bytes, leadingItems);
      } catch (error) {
        throw new StoreError(key, "not valid JSON, plain or compressed", { cause: error });
      }
      const page = checkPage(key, value);
      if (page === undefined) throw new StoreError(key, "not a HeadPage or ArchivePage");
      return page;
    },
    async readShard(hash) {
      const key = shardKey(hash);
      const value = parse(key, await readExisting(kv, key));
      if (!isRecord(value) || !isRecord(value.articles)) throw new StoreError(key, "not an ArticleShard");
      for (const location of Object.values(value.articles)) {
        if (!isRecord(location) || typeof location.published !== "string" || !optionalString(location.page) || !optionalString(location.article)) {
          throw new StoreError(key, "an article location without a published time");
        }
      }
      return value as unknown as ArticleShard;
    },
    async readArticle(hash) {
      const key = articleKey(hash);
      const value = parse(key, await decode(key, await readExistingBytes(kv, key)));
      if (!isStoredArticle(value)) throw new StoreError(key, "not an Article");
      return value;
    },
  };
}

/**
 * The page a parsed value is, checked; undefined when it lacks a kind or items; a StoreError when what it
 * has is wrong.
 */
function checkPage(key: string, value: unknown): FeedPage | undefined {
  // Format 2's pages also name their scope, which nothing reads: the manifest says which scope a page serves.
  if (!isRecord(value) || (value.kind !== "head" && value.kind !== "archive") || !Array.isArray(value.items)) return undefined;
  if (value.kind === "archive" && (typeof value.name !== "string" || !isPageName(value.name))) throw new StoreError(key, "an archive page without a page name");
  if (!value.items.every(isStoredArticle)) throw new StoreError(key, "an item that is not an Article");
  return value as unknown as FeedPage;
}

/** Reads and checks `current`. */
async function readCurrentPointer(kv: KeyValueReader): Promise<CurrentPointer | undefined> {
  const text = await readText(kv, CURRENT_KEY, CURRENT_CACHE_TTL_SECONDS);
  if (text === null) return undefined;
  const value = parse(CURRENT_KEY, text);
  if (!isRecord(value) || typeof value.manifest !== "string" || value.manifest === "" || typeof value.generation !== "number") {
    throw new StoreError(CURRENT_KEY, "not a CurrentPointer (needs manifest and generation)");
  }
  return value as unknown as CurrentPointer;
}

async function readText(kv: KeyValueReader, key: string, cacheTtl?: number): Promise<string | null> {
  const value = await read(kv, key, "text", cacheTtl);
  if (value !== null && typeof value !== "string") throw new StoreError(key, "read as text, KV gave something else");
  return value;
}

/** Reads a content-addressed key as bytes (a page or article, compressed or not), which must exist. */
async function readExistingBytes(kv: KeyValueReader, key: string): Promise<ArrayBuffer> {
  const value = await read(kv, key, "arrayBuffer");
  if (value === null) throw missing(key);
  if (!(value instanceof ArrayBuffer)) throw new StoreError(key, "read as bytes, KV gave something else");
  return value;
}

/** Reads a content-addressed key as text, which the live manifest names and so must exist. */
async function readExisting(kv: KeyValueReader, key: string): Promise<string> {
  const text = await readText(kv, key);
  if (text === null) throw missing(key);
  return text;
}

/** One KV read; a failure of KV itself is a StoreError naming the key. What comes back is the caller's to check. */
async function read(kv: KeyValueReader, key: string, type: "text" | "arrayBuffer", cacheTtl?: number): Promise<unknown> {
  try {
    return await kv.get(key, cacheTtl === undefined ? { type } : { type, cacheTtl });
  } catch (error) {
    throw new StoreError(key, "read failed", { cause: error });
  }
}

function missing(key: string): StoreError {
  return new StoreError(key, "missing, though the live generation refers to it");
}

/** A page's or article's text, decompressed when the publish compressed it; a value that does not decompress is a StoreError. */
async function decode(key: string, bytes: ArrayBuffer): Promise<string> {
  try {
    return await decodeStoredValue(bytes);
  } catch (error) {
    throw new StoreError(key, "not valid compressed JSON", { cause: error });
  }
}

function parse(key: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new StoreError(key, "not valid JSON", { cause: error });
  }
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === "string";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
