import type { Manifest } from "../../model/manifest";

/** How many parsed manifests an isolate keeps: the live one and the one a publish just replaced. */
const KEPT_MANIFESTS = 2;

/**
 * The parsed manifests an isolate keeps between requests, keyed by their hash. A manifest is immutable
 * (stored under the hash of its bytes), so a kept one is never stale; only `current` decides which is live.
 */
export interface ManifestMemory {
  /** The manifest stored under `hash`: the kept one, else the one `load` reads now (and is then kept). */
  remember(hash: string, load: () => Promise<Manifest>): Promise<Manifest>;
}

/**
 * A fresh, empty ManifestMemory: one per isolate in production, one per test to simulate a cold start.
 * Only a manifest read is kept, never a read in flight: a promise tied to one request's I/O is not safe to
 * await from another (see createCurrentMemory), so requests that arrive while the first read of a new
 * manifest is under way read it themselves. A failed read keeps nothing.
 */
export function createManifestMemory(): ManifestMemory {
  const kept = new Map<string, Manifest>();
  return {
    async remember(hash, load) {
      const known = kept.get(hash);
      if (known) {
        // Map order is insertion order: re-inserting marks it as the most recently used.
        kept.delete(hash);
        kept.set(hash, known);
        return known;
      }
      const manifest = await load();
      kept.delete(hash);
      kept.set(hash, manifest);
      while (kept.size > KEPT_MANIFESTS) kept.delete(kept.keys().next().value!);
      return manifest;
    },
  };
}
