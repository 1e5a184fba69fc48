import type { WrkSummary } from "./parse-wrk-summary";

/** One wrk run, and why it cannot count as a figure (wrkFailure), if so. */
export interface WrkRun extends WrkSummary {
  failure?: string;
}

/** One round of a row: the feed's run and its baseline's, back to back, and the feed's requests/s over the baseline's. */
export interface RequestRound {
  feed: WrkRun;
  baseline: WrkRun;
  ratio: number;
}

/** The names of the two request rows (bench/benchmark-rows.ts). */
export type RequestRowName = "requests-hot" | "requests-cold";

/**
 * One request row as bench/measure-requests.ts prints it: the feed against its baseline Worker, both under
 * wrk in the same run, with medians over the rounds.
 */
export interface RequestRow {
  row: RequestRowName;
  /** What the feed side measured, in words. */
  feed: string;
  /** What the baseline side measured, in words. */
  baseline: string;
  /** The feed's path and query on the edgefeed Worker. */
  path: string;
  /** The body's size, the same bytes on both sides. */
  bytes: number;
  /** wrk's settings, the same for every run. */
  wrk: string;
  rounds: RequestRound[];
  /** Medians over the rounds. */
  feedRequestsPerSecond: number;
  feedP50Ms: number;
  feedP99Ms: number;
  baselineRequestsPerSecond: number;
  baselineP50Ms: number;
  baselineP99Ms: number;
  /** The median of the rounds' ratios (feed requests/s ÷ baseline requests/s of the same round). */
  ratio: number;
  /** Every failed run of the row (warm-ups included), with its URL and reason; absent when none failed. */
  failure?: string;
}

/** The median of some numbers (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * A row from its runs: each round's ratio, the medians, and every failure (of the rounds and of
 * `warmUps`, which are not figures but fail the row as much).
 */
export function summarizeRequestRow(
  description: Pick<RequestRow, "row" | "feed" | "baseline" | "path" | "bytes" | "wrk">,
  warmUps: readonly WrkRun[],
  runs: readonly { feed: WrkRun; baseline: WrkRun }[],
): RequestRow {
  const rounds = runs.map((run) => ({ ...run, ratio: run.feed.requestsPerSecond / run.baseline.requestsPerSecond }));
  const failures = [...warmUps, ...runs.flatMap((run) => [run.feed, run.baseline])].flatMap((run) => (run.failure === undefined ? [] : [run.failure]));
  const of = (side: "feed" | "baseline", figure: "requestsPerSecond" | "p50Ms" | "p99Ms") => median(rounds.map((round) => round[side][figure]));
  return {
    ...description,
    rounds,
    feedRequestsPerSecond: of("feed", "requestsPerSecond"),
    feedP50Ms: of("feed", "p50Ms"),
    feedP99Ms: of("feed", "p99Ms"),
    baselineRequestsPerSecond: of("baseline", "requestsPerSecond"),
    baselineP50Ms: of("baseline", "p50Ms"),
    baselineP99Ms: of("baseline", "p99Ms"),
    ratio: median(rounds.map((round) => round.ratio)),
    ...(failures.length > 0 ? { failure: failures.join("; ") } : {}),
  };
}
