import { describe, expect, it } from "vitest";
import { parseTimeVerbose } from "../../bench/parse-time-verbose";

// The lines of GNU time 1.9's -v report that the bench reads, as it prints them.
const report = (elapsed: string) => `\tCommand being timed: "node hexo generate"
\tUser time (seconds): 20.31
\tElapsed (wall clock) time (h:mm:ss or m:ss): ${elapsed}
\tMaximum resident set size (kbytes): 1433600
\tExit status: 0
`;

describe("parseTimeVerbose", () => {
  it("reads m:ss wall time and the peak in MiB", () => {
    expect(parseTimeVerbose(report("0:19.34"))).toEqual({ wallSeconds: 19.34, peakMb: 1400 });
  });

  it("reads h:mm:ss wall time", () => {
    expect(parseTimeVerbose(report("1:02:03")).wallSeconds).toBe(3723);
  });

  it("throws when there is no report, e.g. time was not run", () => {
    expect(() => parseTimeVerbose("node: not found")).toThrow("no /usr/bin/time -v report");
  });
});
