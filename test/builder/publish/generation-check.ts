import type { PublishedPointer } from "../../../src/builder/publish/published-pointer";
import type { KvStore } from "../../../src/builder/publish/stores/kv-store";
import { articleKey, CURRENT_KEY, manifestKey, pageKey, shardKey } from "../../../src/model/keys";
import type { ArticleShard, Manifest } from "../../../src/model/manifest";
import { decodeStoredPage } from "../../../src/worker/store/decode-stored-page";

/**
 * Every key a generation reaches, checked to exist and parse as JSON; returns the keys, or throws naming
 * the first missing or broken one. What a reader following `current` could ever need.
 */
export async function readWholeGeneration(store: KvStore, manifestHash: string): Promise<Set<string>> {
  const keys = new Set<string>();
  const read = async <T>(key: string): Promise<T> => {
    const bytes = await store.getBytes(key);
    if (bytes === null) throw new Error(`generation ${manifestHash} is broken: ${key} is missing`);
    keys.add(key);
    // Pages and articles stored alone may be compressed, as the publish commands store them (and a head
    // keeps its lead plain): decodeStoredPage reads every such value whole.
    return (await decodeStoredPage(bytes)) as T;
  };
  const manifest = await read<Manifest>(manifestKey(manifestHash));
  for (const entry of Object.values(manifest.scopes)) {
    for (const hash of [entry.head, ...entry.archives.map((archive) => archive[1])]) await read(pageKey(hash));
  }
  for (const hash of Object.values(manifest.shards)) {
    const shard = await read<ArticleShard>(shardKey(hash));
    for (const location of Object.values(shard.articles)) if (location.article !== undefined) await read(articleKey(location.article));
  }
  return keys;
}

/** The pointer, parsed; throws when there is none. */
export async function readCurrent(store: KvStore): Promise<PublishedPointer> {
  const text = await store.get(CURRENT_KEY);
  if (text === null) throw new Error("no current pointer");
  return JSON.parse(text) as PublishedPointer;
}
