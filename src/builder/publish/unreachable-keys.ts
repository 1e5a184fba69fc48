import { articleKey, manifestKey, pageKey, shardKey } from "../../model/keys";
import type { GenerationSource } from "./generation-source";
import { articleHashesOf, pageHashesOf, shardCountOf } from "./generation-keys";

/** Content-addressed keys grouped by kind, in the order a reader depends on them (articles first). */
export interface KeysByKind {
  articles: string[];
  pages: string[];
  shards: string[];
  manifests: string[];
}

/**
 * What to do with an article shard that cannot be read: when writing, assume its articles are absent
 * (write them again, costing writes but never breaking a page); when deleting, assume they are in use.
 */
export type UnknownShardPolicy = "count-as-unreachable" | "count-as-reachable";

/**
 * The keys some candidate generation reaches that no protected generation reaches. With the new plan as
 * candidate and the kept generations as protected, these are the keys to write; with retired generations
 * as candidates and the kept ones as protected, the keys safe to delete.
 *
 * Reads only what it must: pages and shards are named in the manifests; articles stored alone are listed in shards,
 * and an article's id fixes its shard, so only the candidate shards whose hash no protected generation
 * has are read, with the protected generations' versions of the same shard.
 */
export async function unreachableKeys(
  candidates: readonly GenerationSource[],
  protectedSources: readonly GenerationSource[],
  unknownShards: UnknownShardPolicy,
): Promise<KeysByKind> {
  const protectedManifests = new Set(protectedSources.map((source) => source.manifestHash));
  const protectedPages = new Set<string>();
  const protectedShards = new Set<string>();
  // Shard id → the distinct shard hashes protected generations hold for it, with a source to read each.
  const protectedShardVersions = new Map<string, Map<string, GenerationSource>>();
  for (const source of protectedSources) {
    for (const hash of pageHashesOf(source.manifest)) protectedPages.add(hash);
    for (const [shardId, hash] of Object.entries(source.manifest.shards)) {
      protectedShards.add(hash);
      let versions = protectedShardVersions.get(shardId);
      if (!versions) protectedShardVersions.set(shardId, (versions = new Map()));
      if (!versions.has(hash)) versions.set(hash, source);
    }
  }

  const found = { articles: new Set<string>(), pages: new Set<string>(), shards: new Set<string>(), manifests: new Set<string>() };
  const protectedArticlesOfShard = new Map<string, Promise<Set<string> | undefined>>();
  const protectedArticles = (shardId: string): Promise<Set<string> | undefined> => {
    let result = protectedArticlesOfShard.get(shardId);
    if (!result) {
      result = (async () => {
        const hashes = new Set<string>();
        for (const [hash, source] of protectedShardVersions.get(shardId) ?? []) {
          const shard = await source.readShard(hash);
          if (!shard) return undefined; // unknown: the policy decides
          for (const articleHash of articleHashesOf(shard)) hashes.add(articleHash);
        }
        return hashes;
      })();
      protectedArticlesOfShard.set(shardId, result);
    }
    return result;
  };

  // Generations whose ids are spread over another number of shards (the site doubled, or format 1) hold an
  // article under another shard id: against those, the article hashes of all their shards count.
  let everyProtectedArticle: Promise<Set<string> | undefined> | undefined;
  const allProtectedArticles = (): Promise<Set<string> | undefined> =>
    (everyProtectedArticle ??= (async () => {
      const hashes = new Set<string>();
      for (const source of protectedSources) {
        for (const hash of Object.values(source.manifest.shards)) {
          const shard = await source.readShard(hash);
          if (!shard) return undefined;
          for (const articleHash of articleHashesOf(shard)) hashes.add(articleHash);
        }
      }
      return hashes;
    })());

  for (const candidate of candidates) {
    const sameSharding = protectedSources.every((source) => shardCountOf(source.manifest) === shardCountOf(candidate.manifest));
    if (!protectedManifests.has(candidate.manifestHash)) found.manifests.add(manifestKey(candidate.manifestHash));
    for (const hash of pageHashesOf(candidate.manifest)) {
      if (!protectedPages.has(hash)) found.pages.add(pageKey(hash));
    }
    for (const [shardId, hash] of Object.entries(candidate.manifest.shards)) {
      // A protected generation holding this very shard holds every article it lists.
      if (protectedShards.has(hash)) continue;
      found.shards.add(shardKey(hash));
      const shard = await candidate.readShard(hash);
      if (!shard) continue; // a candidate shard already gone: its articles were deleted before it
      const inUse = sameSharding ? await protectedArticles(shardId) : await allProtectedArticles();
      if (inUse === undefined && unknownShards === "count-as-reachable") continue;
      for (const articleHash of articleHashesOf(shard)) {
        if (!inUse?.has(articleHash)) found.articles.add(articleKey(articleHash));
      }
    }
  }
  return {
    articles: [...found.articles],
    pages: [...found.pages],
    shards: [...found.shards],
    manifests: [...found.manifests],
  };
}
