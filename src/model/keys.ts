/** The KV key of the live generation pointer (a CurrentPointer). */
export const CURRENT_KEY = "current";

/** KV key of a Manifest stored under the hash of its bytes. */
export function manifestKey(hash: string): string {
  return `manifest:${hash}`;
}

/** KV key of a HeadPage or ArchivePage stored under the hash of its bytes. */
export function pageKey(hash: string): string {
  return `page:${hash}`;
}

/** KV key of an Article stored under the hash of its bytes. */
export function articleKey(hash: string): string {
  return `article:${hash}`;
}

/** KV key of an ArticleShard stored under the hash of its bytes. */
export function shardKey(hash: string): string {
  return `shard:${hash}`;
}
