import { close, writev } from "node:fs";

/** Bytes gathered before they go to the file in one writev. */
const BATCH_BYTES = 4 << 20;

/** Buffers one writev takes (Linux's IOV_MAX is 1,024). */
const MAX_IOVECS = 1024;

/** Bytes handed to the file and not yet written, past which `drained` waits. */
const MAX_IN_FLIGHT_BYTES = 32 << 20;

/**
 * Appends buffers to an open file, gathered into writevs that run on libuv's threads, so that writing many
 * small pieces (a cache entry each) costs the calling thread an array push each, not a stream write.
 * Buffers are written as they are, never copied: the caller must not change one it has handed over.
 */
export class BatchedFileWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inFlightBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(private readonly fd: number) {}

  /** Queues `bytes` to be written after everything queued before it. */
  write(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= BATCH_BYTES || this.pending.length >= MAX_IOVECS) this.flush();
  }

  /**
   * When more than MAX_IN_FLIGHT_BYTES are in flight, a promise of their being written (back-pressure for a
   * big build); else undefined, so a caller asking after every small write need not wait a tick each time.
   */
  drained(): Promise<void> | undefined {
    return this.inFlightBytes > MAX_IN_FLIGHT_BYTES && !this.failure ? this.chain : undefined;
  }

  /** Writes what is left and closes the file; false when any write failed (the file is then incomplete). */
  async close(): Promise<boolean> {
    this.flush();
    await this.chain;
    await new Promise<void>((resolve) => close(this.fd, () => resolve()));
    return this.failure === undefined;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.inFlightBytes += bytes;
    this.chain = this.chain.then(async () => {
      if (!this.failure) await writeAll(this.fd, batch).catch((error: Error) => void (this.failure ??= error));
      this.inFlightBytes -= bytes;
    });
  }
}

/** Writes every buffer, in order, going on after a short write. */
async function writeAll(fd: number, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    let written = await new Promise<number>((resolve, reject) => writev(fd, rest, (error, count) => (error ? reject(error) : resolve(count))));
    let index = 0;
    while (index < rest.length && written >= rest[index]!.length) written -= rest[index++]!.length;
    rest = rest.slice(index);
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}
