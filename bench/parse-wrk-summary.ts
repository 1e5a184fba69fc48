/** What one wrk run printed: throughput, latency, and every answer or error that was not a success. */
export interface WrkSummary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** wrk's "Non-2xx or 3xx responses" (it counts 3xx with 2xx as successes; the line is absent when there are none). */
  non2xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
}

function toMilliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

/** Reads wrk's `--latency` summary; a figure it did not print is NaN, a count it did not print (wrk leaves out zero counts) is 0. */
export function parseWrkSummary(output: string): WrkSummary {
  const latency = (percent: string) => toMilliseconds(new RegExp(`^\\s*${percent}%\\s+(\\S+)`, "m").exec(output)?.[1] ?? "");
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    p50Ms: latency("50"),
    p99Ms: latency("99"),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0),
    socketErrors: {
      connect: Number(sockets?.[1] ?? 0),
      read: Number(sockets?.[2] ?? 0),
      write: Number(sockets?.[3] ?? 0),
      timeout: Number(sockets?.[4] ?? 0),
    },
  };
}

/** Why a wrk run cannot count as a figure (any non-2xx answer, any socket error, no throughput line), or undefined when it can. */
export function wrkFailure(summary: WrkSummary): string | undefined {
  const { connect, read, write, timeout } = summary.socketErrors;
  const problems: string[] = [];
  if (summary.non2xx > 0) problems.push(`${summary.non2xx} non-2xx answers`);
  if (connect + read + write + timeout > 0) problems.push(`socket errors: connect ${connect}, read ${read}, write ${write}, timeout ${timeout}`);
  if (!Number.isFinite(summary.requestsPerSecond)) problems.push("no Requests/sec line");
  return problems.length > 0 ? problems.join("; ") : undefined;
}
