import type { Manifest } from "../../model/manifest";

/** How many parsed manifests an isolate keeps: the live one and the one a publish just replaced. */
const KEPT_MANIFESTS = 2;

/**
 * The parsed manifests an isolate keeps between requests, keyed by their hash. A manifest is immutable
 * (stored under the hash of its bytes), so a kept one is never stale; only `current` decides which is live.
 */
export interface ManifestMemory {
  /** The manifest stored under `hash`, loading it with `load` (once, even for concurrent callers) when not kept. */
  remember(hash: string, load: () => Promise<Manifest>): Promise<Manifest>;
}

/** A fresh, empty ManifestMemory: one per isolate in production, one per test to simulate a cold start. */
export function createManifestMemory(): ManifestMemory {
  const kept = new Map<string, Promise<Manifest>>();
  return {
    remember(hash, load) {
      const known = kept.get(hash);
      if (known) {
        // Map order is insertion order: re-inserting marks it as the most recently used.
        kept.delete(hash);
        kept.set(hash, known);
        return known;
      }
      const loading = load();
      kept.set(hash, loading);
      // A failed read must not be remembered, or one KV hiccup would break the isolate for good.
      loading.catch(() => {
        if (kept.get(hash) === loading) kept.delete(hash);
      });
      while (kept.size > KEPT_MANIFESTS) kept.delete(kept.keys().next().value!);
      return loading;
    },
  };
}
