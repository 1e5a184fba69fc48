import { PublishError } from "./publish-error";

/** Why writing stopped: Cloudflare's daily KV write allowance is spent, or the run's own `maxWrites` budget is. */
export type WriteLimitReason = "daily-limit" | "max-writes";

/**
 * Writing stopped at a write limit before every entry was written; `written` entries were written first,
 * so a later run (after the limit resets, or with a larger budget) only has the rest to write.
 */
export class WriteLimitError extends PublishError {
  /** How many values were written before the stop (a refused batch counts as not written). */
  readonly written: number;
  readonly reason: WriteLimitReason;
  /** What the limit said, kept apart from the message so a rethrow with another count can repeat it. */
  readonly detail: string;

  constructor(reason: WriteLimitReason, written: number, detail: string) {
    super(describeStop(reason, written, detail));
    this.reason = reason;
    this.written = written;
    this.detail = detail;
  }

  /** The same stop, counted again by a caller that knows how many values it wrote in all. */
  withWritten(written: number): WriteLimitError {
    return new WriteLimitError(this.reason, written, this.detail);
  }
}

function describeStop(reason: WriteLimitReason, written: number, detail: string): string {
  const values = `${written} value${written === 1 ? "" : "s"}`;
  if (reason === "daily-limit") {
    return (
      `Cloudflare refused further KV writes: the account's daily KV limit is reached (${detail}). ` +
      `${values} ${written === 1 ? "was" : "were"} written before the stop and the refused batch was not retried; the rest can be written after the limit resets at 00:00 UTC`
    );
  }
  return `stopped at the write budget (${detail}): ${values} written, the rest left for a later run`;
}
