import { describe, expect, it } from "vitest";
import { compareWithTarget } from "../../bench/compare-with-target";

describe("compareWithTarget", () => {
  const build = [
    { figure: "build", unit: "s", atMost: 3 },
    { figure: "peak", unit: "MiB", atMost: 381 },
  ];

  it("meets a target whose every bound holds, a figure equal to its bound included", () => {
    expect(compareWithTarget(build, { build: 3, peak: 268 })).toEqual({ met: true, misses: [] });
  });

  it("names each bound missed with its figure", () => {
    expect(compareWithTarget(build, { build: 4.8, peak: 400 })).toEqual({ met: false, misses: ["build 4.80 s > 3 s", "peak 400 MiB > 381 MiB"] });
  });

  it("misses a lower bound below it", () => {
    expect(compareWithTarget([{ figure: "ratio", unit: "×", atLeast: 0.9 }], { ratio: 0.83 })).toEqual({ met: false, misses: ["ratio 0.83 × < 0.9 ×"] });
    expect(compareWithTarget([{ figure: "ratio", unit: "×", atLeast: 0.9 }], { ratio: 1.14 }).met).toBe(true);
  });

  it("misses a bound whose figure the run did not produce or is not a number", () => {
    expect(compareWithTarget(build, { build: 2 }).misses).toEqual(["peak not measured"]);
    expect(compareWithTarget(build, { build: Number.NaN, peak: 1 }).misses).toEqual(["build not measured"]);
  });
});
