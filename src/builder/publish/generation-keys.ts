import type { ArticleShard, Manifest } from "../../model/manifest";

/**
 * What a publish may find in the store: a manifest of this layout or of format 1, the layout before pages
 * ended where their items say, whose archives were bare hashes and whose shards mapped every id to an
 * article stored alone. Publishing reads both so that an old generation's values are still kept while it
 * is kept and deleted once it is retired.
 */
export type StoredManifest = Manifest | { format: 1; scopes: Record<string, { head: string; archives: string[]; total?: number }>; shards: Record<string, string> };

/** A shard of either layout: an id maps to its location (this layout) or to its article's hash (format 1). */
export type StoredShard = ArticleShard | { articles: Record<string, string> };

/** The hashes of every page (`page:<hash>`) a manifest names: each scope's head and archives. */
export function pageHashesOf(manifest: StoredManifest | Manifest): string[] {
  const hashes: string[] = [];
  for (const entry of Object.values(manifest.scopes)) {
    hashes.push(entry.head);
    for (const archive of entry.archives as (string | [string, string, number])[]) hashes.push(typeof archive === "string" ? archive : archive[1]);
  }
  return hashes;
}

/** The hashes of the articles stored alone (`article:<hash>`) that a shard names. */
export function articleHashesOf(shard: StoredShard | ArticleShard): string[] {
  const hashes: string[] = [];
  for (const location of Object.values(shard.articles)) {
    if (typeof location === "string") hashes.push(location);
    else if (location.article !== undefined) hashes.push(location.article);
  }
  return hashes;
}

/** A generation's shard count (see shardOfArticle): format 1 always spread ids over 256. */
export function shardCountOf(manifest: { shardCount?: number }): number {
  return manifest.shardCount ?? 256;
}
