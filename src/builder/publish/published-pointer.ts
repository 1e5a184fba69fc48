import { CURRENT_KEY } from "../../model/keys";
import type { CurrentPointer } from "../../model/manifest";
import { PublishError } from "../report/publish-error";
import type { KvStore } from "./stores/kv-store";

/** A generation no longer kept, whose values wait out the grace period before they may be deleted. */
export interface RetiredGeneration {
  /** Hash of its manifest. */
  manifest: string;
  /** RFC 3339: when it stopped being kept; its values may go once the grace period has passed. */
  retiredAt: string;
  /**
   * Set for a publish that never went live (killed, or stopped at a write limit), found by its manifest: no
   * reader ever saw it, so it need not be whole while it waits; the grace period covers a publish still running.
   */
  neverLive?: true;
}

/**
 * The `current` pointer as the publisher writes it: a CurrentPointer (all the Worker reads) plus the
 * bookkeeping for deferred deletion. Retired generations are named by manifest hash, not by key lists,
 * so the pointer stays small however much a publish removes: the keys are worked out again when due.
 */
export interface PublishedPointer extends CurrentPointer {
  /** Generations awaiting deletion, oldest first. */
  retired?: RetiredGeneration[];
  /** RFC 3339: when `current` was last written (KV allows one write per second to a key). */
  writtenAt?: string;
}

/** Reads and checks the `current` pointer; null when nothing was ever published. */
export async function readPointer(store: KvStore): Promise<PublishedPointer | null> {
  const text = await store.get(CURRENT_KEY);
  if (text === null) return null;
  let pointer: unknown;
  try {
    pointer = JSON.parse(text);
  } catch {
    throw new PublishError(`the KV key "${CURRENT_KEY}" holds something that is not JSON; refusing to touch the namespace`);
  }
  const value = pointer as Partial<PublishedPointer>;
  if (
    typeof value !== "object" || value === null ||
    typeof value.manifest !== "string" || typeof value.generation !== "number" ||
    typeof value.publishedAt !== "string" || !Array.isArray(value.previous)
  ) {
    throw new PublishError(`the KV key "${CURRENT_KEY}" is not an edgefeed pointer; refusing to touch the namespace`);
  }
  return value as PublishedPointer;
}

/** Milliseconds to wait before `current` may be written again: KV takes at most one write per second per key. */
export function pointerWriteDelay(pointer: PublishedPointer | null, now: Date): number {
  if (!pointer) return 0;
  const last = Date.parse(pointer.writtenAt ?? pointer.publishedAt);
  if (Number.isNaN(last)) return 0;
  const elapsed = now.getTime() - last;
  return elapsed >= 0 && elapsed < 1000 ? 1000 - elapsed : 0;
}

/** Writes `current` last, after waiting out KV's one-write-per-second rule for the key where the store has it. */
export async function writePointer(
  store: KvStore,
  previous: PublishedPointer | null,
  next: (writtenAt: Date) => PublishedPointer,
  clock: { now: () => Date; sleep: (milliseconds: number) => Promise<void> },
): Promise<PublishedPointer> {
  const delay = store.oneWritePerKeyPerSecond === false ? 0 : pointerWriteDelay(previous, clock.now());
  if (delay > 0) await clock.sleep(delay);
  const pointer = next(clock.now());
  await store.put(CURRENT_KEY, JSON.stringify(pointer));
  return pointer;
}
