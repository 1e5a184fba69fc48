/**
 * How long an isolate keeps the `current` pointer it read. Cloudflare's KV documentation
 * (https://developers.cloudflare.com/kv/concepts/how-kv-works/): "KV achieves high performance by caching which
 * makes reads eventually-consistent with writes. … Changes may take up to 60 seconds or more to be visible in
 * other global network locations as their cached versions of the data time out." The store already reads
 * `current` with a cacheTtl of 30 s, so a publish may go unseen for that long anyway: five more seconds in an
 * isolate is no new kind of staleness, and what it serves stays one whole generation (the pointer names an
 * immutable manifest, and a publish keeps a retired generation's values for a grace period of minutes).
 */
export const CURRENT_MEMORY_MILLISECONDS = 5_000;

/**
 * The cacheTtl the Worker reads `current` with: KV's minimum of 30 s, so a publish is seen within about half
 * a minute. Content-addressed keys keep KV's default: a longer cacheTtl would also keep a "not found" seen in
 * the moment before a new value propagated.
 */
export const CURRENT_CACHE_TTL_SECONDS = 30;

// Cloudflare's KV documentation: a write "may take up to 60 seconds or more to be visible in other global
// network locations", and a read with a cacheTtl may serve its cached value for that long (at least 30 s).
const KV_PROPAGATION_MILLISECONDS = Math.max(60_000, CURRENT_CACHE_TTL_SECONDS * 1000);

/**
 * How long after `current` is written a Worker may still serve the generation before: in Cloudflare's KV
 * (`remote`), its propagation plus an isolate's memory of the pointer; in the local store `wrangler dev`
 * reads (`local`, one machine, no edge cache), the isolate's memory alone. Every response cache is keyed by
 * an entity tag made of the manifest's entries, so once the pointer is seen no cached response of the old
 * generation is served in its place.
 */
export function pointerStalenessMilliseconds(store: "local" | "remote"): number {
  return (store === "remote" ? KV_PROPAGATION_MILLISECONDS : 0) + CURRENT_MEMORY_MILLISECONDS;
}
