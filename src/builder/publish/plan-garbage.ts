import type { GenerationSource, StoredGenerations } from "./generation-source";
import type { RetiredGeneration } from "./published-pointer";
import { type KeysByKind, unreachableKeys } from "./unreachable-keys";

/** Longer than KV's propagation time (up to 60 s) plus a `current` cacheTtl of up to 60 s, with room to spare. */
export const DEFAULT_GRACE_SECONDS = 300;

/** What a garbage collection will do. */
export interface GarbagePlan {
  /** Keys no kept or waiting generation uses, grouped in the order they must go. */
  deletions: KeysByKind;
  /** Retired generations whose values this deletes; they leave the pointer's list. */
  collected: string[];
  /** Retired generations still waiting out the grace period. */
  remaining: RetiredGeneration[];
  /** Why due generations are not collected this time, when they are not. */
  skipped?: string;
}

/**
 * Works out which values of the retired generations may go: those of generations retired longer ago than
 * the grace period, less everything a kept generation or a still-waiting retired one uses. `kept` are
 * manifest hashes; `unstored` supplies kept generations not in the store yet (the plan being published).
 */
export async function planGarbage(
  retired: readonly RetiredGeneration[],
  kept: readonly string[],
  unstored: readonly GenerationSource[],
  stored: StoredGenerations,
  now: Date,
  graceSeconds: number,
): Promise<GarbagePlan> {
  const keptSet = new Set(kept);
  const waiting = retired.filter((entry) => !keptSet.has(entry.manifest));
  const isDue = (entry: RetiredGeneration): boolean => Date.parse(entry.retiredAt) + graceSeconds * 1000 <= now.getTime();
  const due = waiting.filter(isDue);
  const remaining = waiting.filter((entry) => !isDue(entry));
  const nothing: KeysByKind = { articles: [], pages: [], shards: [], manifests: [] };
  if (due.length === 0) return { deletions: nothing, collected: [], remaining };

  const unstoredHashes = new Set(unstored.map((source) => source.manifestHash));
  const protectedHashes = [...new Set([...kept, ...remaining.map((entry) => entry.manifest)])].filter(
    (hash) => !unstoredHashes.has(hash),
  );
  const protectedStored = await stored.readAll(protectedHashes);
  if (protectedStored.missing.length > 0) {
    // Without every protected manifest we cannot tell what is still in use: deleting nothing is safe.
    return {
      deletions: nothing,
      collected: [],
      remaining: waiting,
      skipped: `kept generation ${protectedStored.missing.join(", ")} has no manifest in the store, so nothing can be proven unused`,
    };
  }
  // A due generation whose manifest is already gone was fully deleted by an interrupted earlier run.
  const dueStored = await stored.readAll(due.map((entry) => entry.manifest));
  const deletions = await unreachableKeys(dueStored.found, [...unstored, ...protectedStored.found], "count-as-reachable");
  return { deletions, collected: due.map((entry) => entry.manifest), remaining };
}
