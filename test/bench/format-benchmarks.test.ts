import { describe, expect, it } from "vitest";
import type { BenchmarkRow } from "../../bench/benchmark-rows";
import { formatBenchmarks, rowResult, type Measurement } from "../../bench/format-benchmarks";

const machine = { cores: 2, cpu: "a CPU", memory: "24 GiB", node: "v24.0.0", loadAtStart: "1.00 1.00 1.00", date: "2026-12-02T00:00:00.000Z" };
const build: BenchmarkRow = { name: "build-10k", step: "build-10k", target: "Build: ≤ 3 s", limits: [{ figure: "build", unit: "s", atMost: 3 }] };
const bundle: BenchmarkRow = { name: "bundle", step: "bundle", target: "Bundle ≤ 60 KiB", limits: [{ figure: "gzip", unit: "KiB", atMost: 60 }] };
const comparison: BenchmarkRow = { name: "one-thread", step: "one-thread", target: "(for comparison)", limits: [] };
const measured = (figures: Record<string, number>, extra: Partial<Measurement> = {}): Measurement => ({ measured: "4.80 s", detail: "d", command: "c", figures, ...extra });

describe("rowResult", () => {
  it("says met, or missed with each bound missed", () => {
    expect(rowResult(build, measured({ build: 2.5 }))).toBe("met");
    expect(rowResult(build, measured({ build: 4.8 }))).toBe("**missed**: build 4.80 s > 3 s");
  });

  it("says failed with the reason instead of comparing", () => {
    expect(rowResult(build, measured({ build: 1 }, { failure: "444 non-2xx answers" }))).toBe("**failed**: 444 non-2xx answers");
  });

  it("says not compared, with why, for figures of another corpus", () => {
    expect(rowResult(build, measured({ build: 9 }, { notCompared: "300 posts" }))).toBe("not compared: 300 posts");
  });

  it("says not run for a row without a measurement, and no target for a comparison row", () => {
    expect(rowResult(build, undefined)).toBe("not run in this run");
    expect(rowResult(comparison, measured({}))).toBe("no target (for comparison)");
  });
});

describe("formatBenchmarks", () => {
  it("lists every row, says which were not run and with which options, and shows no figure for them", () => {
    const text = formatBenchmarks(machine, [build, bundle], new Map([["bundle", measured({ gzip: 35.7 }, { measured: "35.70 KiB gzip" })]]), { options: "--only bundle", loadAtEnd: "2.00 2.00 2.00" });
    expect(text).toContain("Written by `npm run bench -- --only bundle`");
    expect(text).toContain("`build-10k` were not run and show no figure");
    expect(text).toContain("| `build-10k` | Build: ≤ 3 s | not run in this run |  |  |  |");
    expect(text).toContain("| `bundle` | Bundle ≤ 60 KiB | met | 35.70 KiB gzip | d | `c` |");
  });

  it("says every row was measured by a whole run", () => {
    const text = formatBenchmarks(machine, [build], new Map([["build-10k", measured({ build: 4.8 })]]), { options: "", loadAtEnd: "2.00 2.00 2.00" });
    expect(text).toContain("Written by `npm run bench` (bench/run-benchmarks.ts) on 2026-12-02T00:00:00.000Z. Every row below was measured by this run.");
    expect(text).toContain("| **missed**: build 4.80 s > 3 s |");
  });

  it("shows a failed row's reason and no figure", () => {
    const text = formatBenchmarks(machine, [build], new Map([["build-10k", measured({ build: 1 }, { failure: "it broke" })]]), { options: "", loadAtEnd: "" });
    expect(text).toContain("| `build-10k` | Build: ≤ 3 s | **failed**: it broke |  | d | `c` |");
  });

  it("escapes a pipe in a cell", () => {
    const text = formatBenchmarks(machine, [build], new Map([["build-10k", measured({ build: 1 }, { detail: "a | b" })]]), { options: "", loadAtEnd: "" });
    expect(text).toContain("a \\| b");
  });

  it("quotes no figure outside the machine and the rows: its prose is in words", () => {
    const text = formatBenchmarks(machine, [build], new Map(), { options: "", loadAtEnd: "2.00 2.00 2.00" });
    const prose = text.split("\n").filter((line) => !line.startsWith("|") && !line.startsWith("Written by"));
    // The prose says where the time goes in words: a digit in it would be a figure no run measured.
    expect(prose.filter((line) => /\d/.test(line))).toEqual([]);
  });
});
