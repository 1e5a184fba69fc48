import { manifestKey } from "../../model/keys";
import { SERVED_MANIFEST_FORMATS, isServedManifestFormat } from "../../model/manifest";
import { PublishError } from "../report/publish-error";
import { type PublishedPointer, readPointer, writePointer } from "./published-pointer";
import type { KvStore } from "./stores/kv-store";

/** What a rollback did. */
export interface RollbackReport {
  /** The manifest live before and after. */
  from: string;
  to: string;
  generation: number;
  /** Earlier generations still available to roll back to. */
  remaining: number;
}

/**
 * Makes the previous kept generation live again with one KV write (`current`). The generation rolled back
 * from is retired: its values stay through the grace period, then a later publish or `--gc` deletes them.
 * Every kept generation is whole (nothing a kept generation uses is ever deleted), so nothing else is written.
 */
export async function rollbackGeneration(
  store: KvStore,
  options: { now?: () => Date; sleep?: (milliseconds: number) => Promise<void>; dryRun?: boolean } = {},
): Promise<RollbackReport> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const pointer = await readPointer(store);
  if (!pointer) throw new PublishError("nothing to roll back: nothing was ever published to this namespace");
  const [target, ...rest] = pointer.previous;
  if (target === undefined) throw new PublishError(`nothing to roll back to: generation ${pointer.generation} is the only one kept`);
  // A read, not a write: refuse rather than point readers at a manifest that is not there.
  const text = await store.get(manifestKey(target));
  if (text === null) {
    throw new PublishError(`cannot roll back: the previous generation's manifest ${target} is missing from the store`);
  }
  // A generation an earlier edgefeed wrote in the layout before page names: this Worker cannot serve it.
  const format = (JSON.parse(text) as { format?: unknown }).format;
  if (!isServedManifestFormat(format)) {
    throw new PublishError(
      `cannot roll back: the previous generation (${target}) was written by an earlier edgefeed in layout format ${String(format)}, which this version's Worker cannot serve (it reads formats ${SERVED_MANIFEST_FORMATS.join(", ")}); publish the build you want instead`,
    );
  }
  const report: RollbackReport = { from: pointer.manifest, to: target, generation: pointer.generation + 1, remaining: rest.length };
  if (options.dryRun) return report;
  await writePointer(
    store,
    pointer,
    (writtenAt): PublishedPointer => ({
      manifest: target,
      generation: report.generation,
      publishedAt: writtenAt.toISOString(),
      previous: rest,
      retired: [
        ...(pointer.retired ?? []).filter((entry) => entry.manifest !== pointer.manifest && entry.manifest !== target),
        { manifest: pointer.manifest, retiredAt: writtenAt.toISOString() },
      ],
      writtenAt: writtenAt.toISOString(),
    }),
    { now, sleep },
  );
  return report;
}
