import type { Manifest } from "../../model/manifest";
import type { GenerationPlan, PlannedEntry } from "../plan/plan-generation";
import type { Progress } from "../report/progress";
import { PublishError } from "../report/publish-error";
import { WriteLimitError } from "../report/write-limit-error";
import { checkEntrySizes } from "./check-entry-sizes";
import { countDroppedArticles } from "./count-dropped-articles";
import { deleteKeys } from "./delete-keys";
import { findUnnamedManifests } from "./find-unnamed-manifests";
import { planSource, StoredGenerations } from "./generation-source";
import { DEFAULT_GRACE_SECONDS, planGarbage } from "./plan-garbage";
import { type PublishedPointer, readPointer, type RetiredGeneration, writePointer } from "./published-pointer";
import type { KvStore } from "./stores/kv-store";
import { type KeysByKind, unreachableKeys } from "./unreachable-keys";
import { writeEntries } from "./write-entries";

/** Generations kept for rollback, the live one included, unless told otherwise. */
export const DEFAULT_KEEP = 5;

/** A publish refuses to drop more than this share of the live generation's articles unless forced. */
export const MAX_DROPPED_SHARE = 0.2;

/** Options of publishGeneration, rollbackGeneration and collectGarbage. */
export interface PublishOptions {
  /** Generations to keep, the live one included (default 5). */
  keep?: number;
  /** How long a retired generation's values stay before they may be deleted (default 300 s). */
  graceSeconds?: number;
  /** Publish even when the build drops more than 20% of the live articles. */
  force?: boolean;
  /** Work out and report everything, write nothing. */
  dryRun?: boolean;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  sleep?: (milliseconds: number) => Promise<void>;
  /** Makes a progress reporter for a long step (see createProgress). */
  progress?: (label: string, total: number) => Progress;
  /**
   * The most KV writes this run may make (a Free account has 1,000 a day): past it the publish stops cleanly
   * with nothing live changed, and running it again writes the rest.
   */
  maxWrites?: number;
}

/** What a publish did, or would do on a dry run. */
export interface PublishReport {
  outcome: "published" | "unchanged" | "dry-run";
  /** The generation live afterwards (or that would be). */
  generation: number;
  manifest: string;
  /** Content keys written (or to write), by kind. */
  written: KeysByKind;
  /** Bytes of the written values as planned: their JSON before compression. */
  writtenBytes: number;
  /** Keys deleted (or to delete) because their grace period passed. */
  deleted: KeysByKind;
  /** Whether `current` was (or would be) written. */
  pointerWritten: boolean;
  /** Every KV write, the pointer's included: what the publish costs. */
  writes: number;
  /** KV values read to work out what to write. */
  reads: number;
  /** KV list calls made (one for the manifests, more when a stopped publish is resumed). */
  lists: number;
  /** Content values a stopped run of this same build had written already, so not written again. */
  resumed: number;
  liveArticles: number;
  droppedArticles: number;
  /** Retired generations still waiting out the grace period. */
  waiting: RetiredGeneration[];
  /** Something the user should know that did not stop the publish. */
  warnings: string[];
  /** The manifest live before this publish (undefined for the first, or when it is missing), to tell which feeds changed. */
  liveBefore?: Manifest;
  /** RFC 3339: when `current` was written, if it was (not on a dry run). */
  liveAt?: string;
}

/**
 * Publishes a planned generation: writes the content-addressed values no kept generation has (unchanged
 * content is never written again), deletes what retired generations alone used once their grace period
 * has passed, and writes `current` last, so readers see the old generation or the new one, never a mix.
 * Interrupted at any point it leaves the old generation whole, and running it again finishes the job.
 */
export async function publishGeneration(plan: GenerationPlan, store: KvStore, options: PublishOptions = {}): Promise<PublishReport> {
  const keep = options.keep ?? DEFAULT_KEEP;
  if (!Number.isInteger(keep) || keep < 1) throw new PublishError(`keep must be a whole number of at least 1, got ${keep}`);
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const articleCount = plan.manifest.scopes["/"]?.total ?? 0;
  if (articleCount === 0) throw new PublishError("refusing to publish an empty build: it has no articles (is the input folder right?)");

  const started = now();
  const warnings: string[] = [];
  const pointer = await readPointer(store);
  const stored = new StoredGenerations(store);
  const next = planSource(plan);
  const keptBefore = pointer ? [...new Set([pointer.manifest, ...pointer.previous])] : [];
  // The kept manifests and the list of every manifest need only the pointer: asked for together, so a
  // publish waits for one round trip to the store where it waited for two.
  const [keptStored, manifests] = await Promise.all([stored.readAll(keptBefore), findUnnamedManifests(store, pointer, plan.manifestHash)]);
  for (const missing of keptStored.missing) {
    warnings.push(`kept generation ${missing} has no manifest in the store; it cannot be rolled back to`);
  }

  const live = keptStored.found.find((source) => source.manifestHash === pointer?.manifest);
  const liveArticles = live?.manifest.scopes["/"]?.total ?? 0;
  const droppedArticles = live ? await countDroppedArticles(live, next) : 0;
  if (droppedArticles > liveArticles * MAX_DROPPED_SHARE && !options.force) {
    throw new PublishError(
      `refusing to publish: this build drops ${droppedArticles} of the ${liveArticles} live articles ` +
        `(${Math.round((droppedArticles / liveArticles) * 100)}%, more than ${MAX_DROPPED_SHARE * 100}%). ` +
        "Check the input folder; pass --force if that is what you want.",
    );
  }

  // Manifests in the store that no pointer names belong to publishes that never went live (killed, or
  // stopped at a write limit): the manifest is written before any content, so every value such a publish
  // wrote is named by one. They retire now and go once the grace period has passed, as retired ones do;
  // the one of this very build is a publish being resumed, whose written values need not be written again.
  let lists = manifests.lists;
  const listKeys = async (prefix: string): Promise<string[]> => {
    lists++;
    return store.list!(prefix);
  };
  const orphans = manifests.unnamed;
  // Its manifest stored but not kept: a stopped publish of this build (or a retired one), whose values are
  // found by listing rather than assumed, since a retired generation's may be partly deleted already.
  const resuming = !keptBefore.includes(plan.manifestHash) && manifests.stored.includes(plan.manifestHash);

  // The same build as the live one needs nothing, unless the live manifest went missing: then republish it.
  const unchanged = pointer?.manifest === plan.manifestHash && live !== undefined;
  const nothing: KeysByKind = { articles: [], pages: [], shards: [], manifests: [] };
  // Everything a kept generation reaches exists (content is written before the pointer, and nothing a
  // kept generation uses is ever deleted), so only what none of them reaches needs writing.
  let written = unchanged ? nothing : await unreachableKeys([next], keptStored.found, "count-as-unreachable");
  let resumed = 0;
  if (resuming && store.list) {
    const present = new Set<string>();
    for (const prefix of ["article:", "shard:", "page:"]) for (const key of await listKeys(prefix)) present.add(key);
    const missing = (keys: string[]): string[] => keys.filter((key) => !present.has(key));
    for (const hash of manifests.stored) present.add(`manifest:${hash}`);
    const before = countKeys(written);
    written = { articles: missing(written.articles), shards: missing(written.shards), pages: missing(written.pages), manifests: missing(written.manifests) };
    resumed = before - countKeys(written);
  }
  const keptAfter = [...new Set([plan.manifestHash, ...keptBefore])].slice(0, keep);
  const newlyRetired: RetiredGeneration[] = [
    ...keptBefore.filter((hash) => !keptAfter.includes(hash)).map((hash) => ({ manifest: hash, retiredAt: started.toISOString() })),
    ...orphans.map((hash) => ({ manifest: hash, retiredAt: started.toISOString(), neverLive: true as const })),
  ];
  const retired = [...(pointer?.retired ?? []), ...newlyRetired];
  const graceSeconds = options.graceSeconds ?? DEFAULT_GRACE_SECONDS;
  let garbage = await planGarbage(retired, keptAfter, [next], stored, started, graceSeconds);
  if (garbage.skipped) warnings.push(`old values were not deleted: ${garbage.skipped}`);

  const entries = new Map<string, PlannedEntry>(plan.entries.map((entry) => [entry.key, entry]));
  // The manifest first, so that a publish stopped at any point is named by it (see orphans above); then the
  // shards before the articles they name, so a stopped publish's articles can be found to delete. Nothing
  // reads any of these before the pointer moves.
  const toWrite = [...written.manifests, ...written.shards, ...written.articles, ...written.pages].map((key) => entries.get(key)!);
  const writtenBytes = checkEntrySizes(toWrite, plan.manifest);
  const maxWrites = options.maxWrites;
  if (maxWrites !== undefined && (!Number.isInteger(maxWrites) || maxWrites < 0)) throw new PublishError(`maxWrites must be a whole number, got ${maxWrites}`);
  // Deleting is billed as writing: with a budget too small for it, old values wait for a later publish.
  if (maxWrites !== undefined && toWrite.length + 1 + countKeys(garbage.deletions) > maxWrites && countKeys(garbage.deletions) > 0) {
    warnings.push(`old values were not deleted: --max-writes ${maxWrites} leaves no room for their ${countKeys(garbage.deletions)} deletions`);
    garbage = { deletions: nothing, collected: [], remaining: retired.filter((entry) => !keptAfter.includes(entry.manifest)) };
  }
  const retiredAfter = garbage.remaining;
  const previousAfter = keptAfter.slice(1);
  // Rewrite `current` only when what it says changes: an unchanged build with nothing to collect writes nothing.
  const pointerChanges =
    !pointer ||
    JSON.stringify([plan.manifestHash, previousAfter, retiredAfter]) !==
      JSON.stringify([pointer.manifest, pointer.previous, pointer.retired ?? []]);
  const generation = unchanged ? pointer!.generation : (pointer?.generation ?? 0) + 1;
  const deletions = countKeys(garbage.deletions);
  const report: PublishReport = {
    outcome: options.dryRun ? "dry-run" : unchanged && !pointerChanges ? "unchanged" : "published",
    generation,
    manifest: plan.manifestHash,
    written,
    writtenBytes,
    deleted: garbage.deletions,
    pointerWritten: pointerChanges,
    writes: toWrite.length + deletions + (pointerChanges ? 1 : 0),
    reads: stored.reads + 1,
    lists,
    resumed,
    liveArticles,
    droppedArticles,
    waiting: retiredAfter,
    warnings,
    ...(live ? { liveBefore: live.manifest } : {}),
  };
  if (options.dryRun) return report;

  const progress = toWrite.length > 0 ? options.progress?.("writing", toWrite.length) : undefined;
  // Every write of the run, for the message of a publish stopped at a write limit.
  let done = 0;
  try {
    try {
      // With a budget, the pointer's write must fit in it too: content may take the rest.
      const contentBudget = maxWrites === undefined ? undefined : toWrite.length + (pointerChanges ? 1 : 0) <= maxWrites ? undefined : maxWrites;
      await writeEntries(store, toWrite, progress, contentBudget === undefined ? {} : { maxWrites: contentBudget });
      done = toWrite.length;
      if (contentBudget !== undefined) throw new WriteLimitError("max-writes", contentBudget, `maxWrites ${maxWrites}`);
    } finally {
      progress?.finish();
    }
    await deleteGarbage(store, garbage.deletions, options.progress);
    done += deletions;
    if (pointerChanges) {
      const livePointer = await writePointer(
        store,
        pointer,
        (writtenAt): PublishedPointer => ({
          manifest: plan.manifestHash,
          generation,
          publishedAt: unchanged ? pointer!.publishedAt : writtenAt.toISOString(),
          previous: previousAfter,
          retired: retiredAfter,
          writtenAt: writtenAt.toISOString(),
        }),
        { now, sleep },
      );
      report.liveAt = livePointer.writtenAt!;
    }
  } catch (error) {
    // A limit met while writing content counts what writeEntries wrote; met later, what was done before.
    if (error instanceof WriteLimitError) throw stoppedPublish(done === 0 ? error : error.withWritten(done), report.writes, pointer);
    throw error;
  }
  return report;
}

/**
 * The error a publish stopped at a write limit ends with: how many of how many values were written, that
 * nothing live changed, and that the same command continues where this one stopped.
 */
function stoppedPublish(error: WriteLimitError, total: number, pointer: PublishedPointer | null): PublishError {
  const live = pointer ? `generation ${pointer.generation} stays live` : "nothing is live yet";
  const again =
    error.reason === "daily-limit"
      ? "Run the same command again after the limit resets (00:00 UTC)"
      : "Run the same command again (with a larger --max-writes, or none)";
  return new PublishError(
    `publish stopped: ${error.written} of ${total} values written (${error.message}). Nothing live changed: ${live}. ` +
      `${again} to continue: the values already written are not written again.`,
  );
}

/** Deletes garbage in dependency order: what shards name first, then shards, then manifests, so an
 * interrupted deletion leaves every still-listed manifest able to name what is left of it. */
export async function deleteGarbage(
  store: KvStore,
  deletions: KeysByKind,
  makeProgress?: (label: string, total: number) => Progress,
): Promise<void> {
  const total = countKeys(deletions);
  if (total === 0) return;
  const progress = makeProgress?.("deleting", total);
  await deleteKeys(store, [...deletions.articles, ...deletions.pages], progress);
  await deleteKeys(store, deletions.shards, progress);
  await deleteKeys(store, deletions.manifests, progress);
  progress?.finish();
}

/** How many keys, of every kind. */
export function countKeys(keys: KeysByKind): number {
  return keys.articles.length + keys.pages.length + keys.shards.length + keys.manifests.length;
}
