/** What one wrk run printed: throughput, latency, and every answer or error that was not a success. */
export interface WrkSummary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers wrk counted ("N requests in …"); NaN when it printed no such line. */
  requests: number;
  /**
   * Answers by status, from the "Statuses:" line bench/count-statuses.lua prints; undefined when wrk ran
   * without that script.
   */
  statuses?: Record<string, number>;
  /**
   * Answers whose status is outside 200–299: counted from `statuses` when there, 3xx included; otherwise
   * wrk's own "Non-2xx or 3xx responses", which despite its name counts only 400 and above (a redirect
   * passes as a success) and is absent when there are none.
   */
  non2xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
}

function toMilliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

/** The "Statuses: 200=51234 301=2" line of bench/count-statuses.lua, or undefined when there is none. */
function parseStatuses(output: string): Record<string, number> | undefined {
  const line = /^Statuses:(.*)$/m.exec(output);
  if (line === null) return undefined;
  const statuses: Record<string, number> = {};
  for (const [, status, count] of line[1]!.matchAll(/(\d{3})=(\d+)/g)) statuses[status!] = Number(count);
  return statuses;
}

const isSuccess = (status: string): boolean => status.startsWith("2");

/** Reads wrk's `--latency` summary; a figure it did not print is NaN, a count it did not print (wrk leaves out zero counts) is 0. */
export function parseWrkSummary(output: string): WrkSummary {
  const latency = (percent: string) => toMilliseconds(new RegExp(`^\\s*${percent}%\\s+(\\S+)`, "m").exec(output)?.[1] ?? "");
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const statuses = parseStatuses(output);
  const wrkErrors = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    p50Ms: latency("50"),
    p99Ms: latency("99"),
    requests: Number(/^\s*(\d+) requests in /m.exec(output)?.[1] ?? Number.NaN),
    ...(statuses === undefined ? {} : { statuses }),
    non2xx: statuses === undefined ? wrkErrors : Object.entries(statuses).reduce((sum, [status, count]) => (isSuccess(status) ? sum : sum + count), 0),
    socketErrors: {
      connect: Number(sockets?.[1] ?? 0),
      read: Number(sockets?.[2] ?? 0),
      write: Number(sockets?.[3] ?? 0),
      timeout: Number(sockets?.[4] ?? 0),
    },
  };
}

/**
 * Why a wrk run cannot count as a figure, or undefined when it can: any answer outside 2xx (a 3xx
 * included), any socket error, no throughput line, or no "Statuses:" line covering every answer (without
 * bench/count-statuses.lua a redirect would pass unseen).
 */
export function wrkFailure(summary: WrkSummary): string | undefined {
  const { connect, read, write, timeout } = summary.socketErrors;
  const problems: string[] = [];
  if (summary.statuses === undefined) {
    problems.push("no Statuses line (run wrk with -s bench/count-statuses.lua: wrk's own count lets 3xx answers pass)");
  } else {
    const counted = Object.values(summary.statuses).reduce((sum, count) => sum + count, 0);
    if (counted !== summary.requests) problems.push(`the status counts cover ${counted} of ${summary.requests} answers`);
  }
  if (summary.non2xx > 0) {
    const which = Object.entries(summary.statuses ?? {}).filter(([status]) => !isSuccess(status));
    problems.push(`${summary.non2xx} non-2xx answers${which.length > 0 ? ` (${which.map(([status, count]) => `${status}: ${count}`).join(", ")})` : ""}`);
  }
  if (connect + read + write + timeout > 0) problems.push(`socket errors: connect ${connect}, read ${read}, write ${write}, timeout ${timeout}`);
  if (!Number.isFinite(summary.requestsPerSecond)) problems.push("no Requests/sec line");
  return problems.length > 0 ? problems.join("; ") : undefined;
}
