/** Bytes of one slab: 100,000 posts' index lines (~42 MB) fill some 650, and the last one's unused tail costs little. */
const SLAB_BYTES = 64 * 1024;

/**
 * Lines of text kept as UTF-8 bytes packed into slabs of their own, for a build that must hold one short
 * line per post until its end (the build cache's index). Why not one `Buffer.from` each: Node carves every
 * buffer under 4 KiB out of a shared 8 KiB pool, and a slice kept alive keeps its whole slab alive, with
 * every other short buffer made beside it: when the article lines (2–3 KB, garbage once written) were
 * encoded on the same thread, 100,000 index lines kept nearly all their bytes (see src/builder/memory-limits.ts).
 */
export class PackedLines {
  /** The bytes so far, in order, but for `run` and the current slab's part after `sealed`. */
  private readonly segments: Buffer[] = [];
  private slab: Buffer = Buffer.alloc(0);
  private sealed = 0;
  /** The last segment while it may still grow: bytes `start` to `end` of `buffer`. */
  private run: { buffer: ArrayBufferLike; start: number; end: number } | undefined;
  private used = 0;
  /** Lines pushed or kept so far. */
  count = 0;

  /** Appends `line` (its newline included, if it is to have one), copied into a slab. */
  push(line: string | Uint8Array): void {
    const length = typeof line === "string" ? Buffer.byteLength(line) : line.length;
    if (this.used + length > this.slab.length) {
      this.seal();
      // allocUnsafeSlow: never from the shared pool, whatever the size.
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, length));
      this.sealed = this.used = 0;
    }
    if (typeof line === "string") this.slab.write(line, this.used);
    else this.slab.set(line, this.used);
    this.used += length;
    this.count++;
  }

  /**
   * Appends a line that stays in memory anyway (a view of the previous cache, read whole), without copying
   * it: a view that starts where the last one ended is merged into it, so a rebuild's lines, kept in the
   * order they were read, take a few views and no copy.
   */
  keep(line: Buffer): void {
    this.seal();
    this.append(line);
    this.count++;
  }

  /** The bytes appended, in order, as a few buffers; they must not be changed. */
  buffers(): Buffer[] {
    this.seal();
    this.endRun();
    return [...this.segments];
  }

  /** Moves the current slab's new bytes to the segments, so that what comes next goes after them. */
  private seal(): void {
    if (this.used === this.sealed) return;
    this.append(this.slab.subarray(this.sealed, this.used));
    this.sealed = this.used;
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    // The last segment is made only when it ends (see segmentsSoFar): one buffer per run of views, not per line.
    if (this.run !== undefined && this.run.buffer === bytes.buffer && this.run.end === bytes.byteOffset) {
      this.run.end += bytes.length;
      return;
    }
    this.endRun();
    this.run = { buffer: bytes.buffer, start: bytes.byteOffset, end: bytes.byteOffset + bytes.length };
  }

  private endRun(): void {
    if (this.run === undefined) return;
    this.segments.push(Buffer.from(this.run.buffer, this.run.start, this.run.end - this.run.start));
    this.run = undefined;
  }
}
