import type { CurrentPointer } from "../../model/manifest";

// How long an isolate keeps the pointer, and why: src/model/pointer-staleness.ts (the publisher waits it out too).
export { CURRENT_MEMORY_MILLISECONDS } from "../../model/pointer-staleness";

/** The `current` pointer an isolate keeps between requests for a short time, so a hot request reads no KV at all. */
export interface CurrentMemory {
  /** The pointer read within the last `ttlMilliseconds`, else the one `load()` reads now. */
  remember(load: () => Promise<CurrentPointer | undefined>): Promise<CurrentPointer | undefined>;
  /** The pointer read within the last `ttlMilliseconds`, or undefined when none is kept that fresh (nothing is read). */
  peek(): CurrentPointer | undefined;
}

/**
 * A fresh, empty CurrentMemory: one per isolate in production (`now` is `Date.now`), one per test with a clock
 * the test moves. Only a pointer read is kept, never a read in flight: a promise tied to one request's I/O is
 * not safe to await from another (the first may be cancelled), so requests arriving while the pointer is
 * being refreshed read it themselves. Nothing is kept when the read fails or finds no pointer (before the
 * first publish), so a KV hiccup or an empty namespace costs a read per request rather than being remembered.
 */
export function createCurrentMemory(options: { ttlMilliseconds: number; now: () => number }): CurrentMemory {
  let kept: { pointer: CurrentPointer; readAt: number } | undefined;
  // A clock that went backwards (a test's, or a host's) must not stretch the memory either.
  const fresh = (at: number) => kept !== undefined && at >= kept.readAt && at - kept.readAt < options.ttlMilliseconds;
  return {
    peek() {
      return fresh(options.now()) ? kept!.pointer : undefined;
    },
    async remember(load) {
      const startedAt = options.now();
      if (fresh(startedAt)) return kept!.pointer;
      const pointer = await load();
      // Dated from before the read, so the pointer is never kept longer than the TTL after KV gave it; a
      // slower, older read finishing last does not replace a newer one.
      if (pointer !== undefined && (kept === undefined || startedAt >= kept.readAt)) kept = { pointer, readAt: startedAt };
      return pointer;
    },
  };
}
