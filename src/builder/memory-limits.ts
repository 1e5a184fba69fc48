/**
 * The builder's memory bounds, in one place. Why they exist: a build and local publish of a large site has
 * to fit the machines people run it on, and left alone three things grow with the site and never shrink:
 * - A Node process keeps most of the heap it grew: the publish that follows a build would start on top of
 *   the build's. So `npm run build` builds in a child process and publishes in its own
 *   (`buildInChildProcess`), and the scripts cap Node's heap (`--max-old-space-size`, `EDGEFEED_HEAP_MB`
 *   in package.json) so that it collects instead of growing.
 * - Every post's DOM is garbage once the post is built, but with V8's default young generation each build
 *   worker thread holds far more of it than it needs: a small one collects it often, for no more CPU.
 * - workerd keeps the memory it takes for local KV writes until it stops, so a local publish restarts it
 *   after a number of writes or bytes of values, whichever comes first.
 * - The build cache holds one index line per post until the build ends. Node carves every buffer under
 *   4 KiB out of a shared 8 KiB slab, and one live slice keeps its whole slab: a `Buffer.from` per index
 *   line keeps alive whatever short buffers this thread made beside it. While the article lines were
 *   encoded on this thread, that was nearly all their bytes (a first build of 100,000 posts with the cache:
 *   1,186 MB peak against 546 MB without, bench/build-once.ts). The lines are packed into slabs of their own
 *   (run/packed-lines.ts, ~0.4 KB a post), so what the index keeps does not depend on what else is pooled.
 * What each bound measured, and what the builder peaks at with them, is in BENCHMARKS.md (`npm run bench`).
 */
export const MEMORY_LIMITS = {
  /** Young generation of each build worker thread, in MB (Node's `resourceLimits.maxYoungGenerationSizeMb`). */
  workerYoungGenerationMb: 8,
  /**
   * Writes and deletes a local publish sends one workerd before it starts a fresh one. Publishing the 1,122
   * compressed values of 10,000 generated posts without a restart peaked workerd at 208 MiB; each restart
   * costs ~200 ms.
   */
  workerdRestartAfterWrites: 2_000,
  /** Bytes of values (compressed, as sent) a local publish sends one workerd before it starts a fresh one. */
  workerdRestartAfterBytes: 64 * 1024 * 1024,
} as const;
