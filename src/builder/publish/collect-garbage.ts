import { findUnnamedManifests } from "./find-unnamed-manifests";
import { StoredGenerations } from "./generation-source";
import { DEFAULT_GRACE_SECONDS, planGarbage } from "./plan-garbage";
import { countKeys, deleteGarbage, type PublishOptions } from "./publish-generation";
import { readPointer, writePointer } from "./published-pointer";
import type { KvStore } from "./stores/kv-store";
import type { KeysByKind } from "./unreachable-keys";

/** What a garbage collection did (or would do on a dry run). */
export interface GarbageReport {
  deleted: KeysByKind;
  /** Retired generations whose values are now gone. */
  collected: string[];
  /** Retired generations still inside the grace period. */
  waiting: number;
  /** Every KV write, `current` included. */
  writes: number;
  skipped?: string;
}

/**
 * Deletes the values only retired generations used, once their grace period has passed, then drops them
 * from `current` (one write). Publishes that never went live (see findUnnamedManifests) retire first. Without a
 * build: what `npm run publish -- --gc` runs.
 */
export async function collectGarbage(
  store: KvStore,
  options: Pick<PublishOptions, "graceSeconds" | "dryRun" | "now" | "sleep" | "progress"> = {},
): Promise<GarbageReport> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const pointer = await readPointer(store);
  const empty: KeysByKind = { articles: [], pages: [], shards: [], manifests: [] };
  if (!pointer) return { deleted: empty, collected: [], waiting: 0, writes: 0 };
  const kept = [pointer.manifest, ...pointer.previous];
  const stored = new StoredGenerations(store);
  // Publishes that never went live retire now, as a publish would retire them: collected after the grace period.
  const { unnamed } = await findUnnamedManifests(store, pointer);
  const startedAt = now().toISOString();
  const retired = [...(pointer.retired ?? []), ...unnamed.map((hash) => ({ manifest: hash, retiredAt: startedAt, neverLive: true as const }))];
  const garbage = await planGarbage(retired, kept, [], stored, now(), options.graceSeconds ?? DEFAULT_GRACE_SECONDS);
  const pointerChanges = garbage.collected.length > 0 || unnamed.length > 0;
  const report: GarbageReport = {
    deleted: garbage.deletions,
    collected: garbage.collected,
    waiting: garbage.remaining.length,
    writes: countKeys(garbage.deletions) + (pointerChanges ? 1 : 0),
    ...(garbage.skipped ? { skipped: garbage.skipped } : {}),
  };
  if (options.dryRun || !pointerChanges) return report;
  await deleteGarbage(store, garbage.deletions, options.progress);
  await writePointer(store, pointer, (writtenAt) => ({ ...pointer, retired: garbage.remaining, writtenAt: writtenAt.toISOString() }), { now, sleep });
  return report;
}
