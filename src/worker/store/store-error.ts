/**
 * A failure of the storage under the Worker (KV threw, a value is missing or not what the build writes):
 * never the reader's fault, so it becomes a 503 with `Retry-After`, and the detail goes to the log only.
 */
export class StoreError extends Error {
  /** The KV key involved, for the log line. */
  readonly key: string;

  constructor(key: string, reason: string, options?: { cause?: unknown }) {
    super(`KV ${key}: ${reason}`, options);
    this.name = "StoreError";
    this.key = key;
  }
}
