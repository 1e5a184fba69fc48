import { PublishError } from "../report/publish-error";
import type { GenerationSource } from "./generation-source";

/**
 * How many of the live generation's articles the next generation no longer has, by id. Shards with the
 * same hash in both hold the same ids, so only the shards that changed are read.
 */
export async function countDroppedArticles(live: GenerationSource, next: GenerationSource): Promise<number> {
  let dropped = 0;
  for (const [shardId, liveHash] of Object.entries(live.manifest.shards)) {
    const nextHash = next.manifest.shards[shardId];
    if (nextHash === liveHash) continue;
    const liveShard = await live.readShard(liveHash);
    if (!liveShard) {
      throw new PublishError(
        `the live generation is damaged (its article shard ${shardId} is missing), so the articles this build drops cannot be counted; pass --force to publish anyway`,
      );
    }
    const nextShard = nextHash === undefined ? null : await next.readShard(nextHash);
    for (const id of Object.keys(liveShard.articles)) {
      if (!nextShard || !(id in nextShard.articles)) dropped++;
    }
  }
  return dropped;
}
