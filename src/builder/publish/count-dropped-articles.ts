import { PublishError } from "../report/publish-error";
import { shardCountOf } from "./generation-keys";
import type { GenerationSource } from "./generation-source";

/**
 * How many of the live generation's articles the next generation no longer has, by id. Shards with the
 * same hash in both hold the same ids, so only the shards that changed are read.
 */
export async function countDroppedArticles(live: GenerationSource, next: GenerationSource): Promise<number> {
  // Spread over different shard counts (the site doubled, or a format-1 generation), ids are compared whole.
  if (shardCountOf(live.manifest) !== shardCountOf(next.manifest)) {
    const nextIds = new Set<string>();
    for (const hash of Object.values(next.manifest.shards)) for (const id of Object.keys((await next.readShard(hash))?.articles ?? {})) nextIds.add(id);
    let dropped = 0;
    for (const [shardId, hash] of Object.entries(live.manifest.shards)) {
      const liveShard = await live.readShard(hash);
      if (!liveShard) throw damaged(shardId);
      for (const id of Object.keys(liveShard.articles)) if (!nextIds.has(id)) dropped++;
    }
    return dropped;
  }
  let dropped = 0;
  for (const [shardId, liveHash] of Object.entries(live.manifest.shards)) {
    const nextHash = next.manifest.shards[shardId];
    if (nextHash === liveHash) continue;
    const liveShard = await live.readShard(liveHash);
    if (!liveShard) throw damaged(shardId);
    const nextShard = nextHash === undefined ? null : await next.readShard(nextHash);
    for (const id of Object.keys(liveShard.articles)) {
      if (!nextShard || !(id in nextShard.articles)) dropped++;
    }
  }
  return dropped;
}

function damaged(shardId: string): PublishError {
  return new PublishError(
    `the live generation is damaged (its article shard ${shardId} is missing), so the articles this build drops cannot be counted; pass --force to publish anyway`,
  );
}
