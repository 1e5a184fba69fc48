/** Bytes of one slab: 100,000 posts' index lines (~42 MB) fill some 650, and the last one's unused tail costs little. */
const SLAB_BYTES = 64 * 1024;

/**
 * Lines of text kept as UTF-8 bytes packed into slabs of their own, for a build that must hold one short
 * line per post until its end (the build cache's index). Why not one `Buffer.from` each: Node carves every
 * buffer under 4 KiB out of a shared 8 KiB pool, and a slice kept alive keeps its whole slab alive. Beside
 * each index line sit the article lines built just before it (2–3 KB each, pooled too, and garbage once
 * written), so keeping 100,000 index lines kept nearly every article's bytes (see src/builder/memory-limits.ts).
 */
export class PackedLines {
  private readonly full: Buffer[] = [];
  private slab: Buffer = Buffer.alloc(0);
  private used = 0;
  /** Lines pushed so far. */
  count = 0;

  /** Appends `line` (its newline included, if it is to have one). */
  push(line: string | Uint8Array): void {
    const length = typeof line === "string" ? Buffer.byteLength(line) : line.length;
    if (this.used + length > this.slab.length) this.startSlab(length);
    if (typeof line === "string") this.slab.write(line, this.used);
    else this.slab.set(line, this.used);
    this.used += length;
    this.count++;
  }

  /** The bytes pushed, in order, as a few buffers; they must not be changed. */
  buffers(): Buffer[] {
    return this.used === 0 ? [...this.full] : [...this.full, this.slab.subarray(0, this.used)];
  }

  private startSlab(atLeast: number): void {
    if (this.used > 0) this.full.push(this.slab.subarray(0, this.used));
    // allocUnsafeSlow: never from the shared pool, whatever the size.
    this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, atLeast));
    this.used = 0;
  }
}
