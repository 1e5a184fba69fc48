import { describe, expect, it } from "vitest";
import { median, summarizeRequestRow, type WrkRun } from "../../bench/request-rows";

const run = (requestsPerSecond: number, p50Ms: number, p99Ms: number, failure?: string): WrkRun => ({
  requestsPerSecond,
  p50Ms,
  p99Ms,
  requests: requestsPerSecond * 10,
  statuses: { "200": requestsPerSecond * 10 },
  non2xx: 0,
  socketErrors: { connect: 0, read: 0, write: 0, timeout: 0 },
  ...(failure === undefined ? {} : { failure }),
});

const description = { row: "requests-hot", feed: "feed", baseline: "constant", path: "/feed.xml", bytes: 100, wrk: "wrk -t2 -c20" } as const;

describe("median", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe("summarizeRequestRow", () => {
  it("takes each round's ratio and the medians over the rounds", () => {
    const row = summarizeRequestRow(description, [run(1, 1, 1)], [
      { feed: run(90, 10, 50), baseline: run(100, 9, 40) },
      { feed: run(50, 20, 90), baseline: run(100, 8, 30) },
      { feed: run(95, 11, 60), baseline: run(100, 7, 20) },
    ]);
    expect(row.rounds.map((round) => round.ratio)).toEqual([0.9, 0.5, 0.95]);
    expect(row).toMatchObject({ ratio: 0.9, feedRequestsPerSecond: 90, feedP50Ms: 11, feedP99Ms: 60, baselineRequestsPerSecond: 100, baselineP50Ms: 8, baselineP99Ms: 30 });
    expect(row.failure).toBeUndefined();
  });

  it("fails the row on any failed run, warm-ups included", () => {
    const row = summarizeRequestRow(description, [run(1, 1, 1, "warm-up: 3 non-2xx answers (301: 3)")], [{ feed: run(90, 10, 50), baseline: run(100, 9, 40, "baseline: socket errors") }]);
    expect(row.failure).toBe("warm-up: 3 non-2xx answers (301: 3); baseline: socket errors");
  });
});
