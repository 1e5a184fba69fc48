import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWrkSummary, wrkFailure } from "../../bench/parse-wrk-summary";

// Captured from wrk 4.1.0 (Debian): wrk-with-errors.txt and wrk-clean.txt without a script, against a local
// server answering 404 to every third request and dropping every seventh connection, and against one
// answering 200 to all; wrk-script-*.txt with bench/count-statuses.lua, against one answering 301 to every
// fifth request and 404 to every seventh, and against one answering 200 to all.
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

describe("parseWrkSummary", () => {
  it("reads throughput, latency percentiles, non-2xx answers and socket errors", () => {
    expect(parseWrkSummary(fixture("wrk-with-errors.txt"))).toEqual({
      requestsPerSecond: 1310.78,
      p50Ms: 9.14,
      p99Ms: 109.91,
      requests: 1331,
      non2xx: 444,
      socketErrors: { connect: 0, read: 221, write: 0, timeout: 0 },
    });
  });

  it("counts zero errors when wrk prints no error lines", () => {
    const summary = parseWrkSummary(fixture("wrk-clean.txt"));
    expect(summary).toMatchObject({ requestsPerSecond: 2069.14, p50Ms: 7.52, p99Ms: 89.68, non2xx: 0 });
    expect(summary.socketErrors).toEqual({ connect: 0, read: 0, write: 0, timeout: 0 });
  });

  it("counts 3xx answers as non-2xx from the script's status line, which wrk's own line leaves out", () => {
    const output = fixture("wrk-script-with-redirects.txt");
    // wrk's line has the 404s only.
    expect(output).toContain("Non-2xx or 3xx responses: 5284");
    expect(parseWrkSummary(output)).toMatchObject({ requests: 46228, statuses: { "200": 31699, "301": 9245, "404": 5284 }, non2xx: 9245 + 5284 });
  });

  it("converts microseconds and seconds to milliseconds", () => {
    const summary = parseWrkSummary("     50%  812.00us\n     99%    1.50s\nRequests/sec:   10.00\n");
    expect(summary.p50Ms).toBeCloseTo(0.812);
    expect(summary.p99Ms).toBe(1500);
  });
});

describe("wrkFailure", () => {
  it("fails a run with non-2xx answers or socket errors, with the counts", () => {
    expect(wrkFailure(parseWrkSummary(fixture("wrk-with-errors.txt")))).toContain("444 non-2xx answers; socket errors: connect 0, read 221, write 0, timeout 0");
  });

  it("fails a run with redirects, naming each status", () => {
    expect(wrkFailure(parseWrkSummary(fixture("wrk-script-with-redirects.txt")))).toBe("14529 non-2xx answers (301: 9245, 404: 5284)");
  });

  it("fails a run with only a timeout", () => {
    expect(wrkFailure(parseWrkSummary(`${fixture("wrk-script-clean.txt")}  Socket errors: connect 0, read 0, write 0, timeout 3\n`))).toBe("socket errors: connect 0, read 0, write 0, timeout 3");
  });

  it("fails a run without the status script's line, which alone sees redirects", () => {
    expect(wrkFailure(parseWrkSummary(fixture("wrk-clean.txt")))).toMatch(/^no Statuses line/);
  });

  it("fails a run whose status counts do not cover every answer", () => {
    expect(wrkFailure(parseWrkSummary(fixture("wrk-script-clean.txt").replace("200=55415", "200=55000")))).toBe("the status counts cover 55000 of 55415 answers");
  });

  it("fails output with no throughput line, e.g. wrk cut short", () => {
    expect(wrkFailure(parseWrkSummary("Running 1s test @ http://127.0.0.1:1/\n"))).toContain("no Requests/sec line");
  });

  it("passes a clean run", () => {
    expect(wrkFailure(parseWrkSummary(fixture("wrk-script-clean.txt")))).toBeUndefined();
  });
});
