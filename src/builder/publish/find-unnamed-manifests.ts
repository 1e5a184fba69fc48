import type { PublishedPointer } from "./published-pointer";
import type { KvStore } from "./stores/kv-store";

/** What listing the store's manifests found. */
export interface UnnamedManifests {
  /** Hashes of every manifest in the store. */
  stored: string[];
  /** Those no pointer names (neither kept nor retired): publishes that never went live. */
  unnamed: string[];
  /** List calls made. */
  lists: number;
}

/**
 * Lists the manifests in the store and picks those `current` does not name, leaving out `except` (the plan
 * being published). A publish writes its manifest before any content, so these name every value a publish
 * that was killed, or stopped at a write limit, left behind. Without `list` (a store that cannot) finds none.
 */
export async function findUnnamedManifests(store: KvStore, pointer: PublishedPointer | null, except?: string): Promise<UnnamedManifests> {
  if (!store.list) return { stored: [], unnamed: [], lists: 0 };
  const stored = (await store.list("manifest:")).map((key) => key.slice("manifest:".length));
  const named = new Set([...(pointer ? [pointer.manifest, ...pointer.previous] : []), ...(pointer?.retired ?? []).map((entry) => entry.manifest)]);
  return { stored, unnamed: stored.filter((hash) => !named.has(hash) && hash !== except), lists: 1 };
}
