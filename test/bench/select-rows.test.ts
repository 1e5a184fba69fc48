import { describe, expect, it } from "vitest";
import { BENCHMARK_ROWS } from "../../bench/benchmark-rows";
import { selectRows } from "../../bench/select-rows";

const names = ["build-10k", "rebuild-10k", "bundle"];

describe("selectRows", () => {
  it("selects every row without --only", () => {
    expect([...selectRows(names, undefined)]).toEqual(names);
  });

  it("selects one row, or a comma-separated few", () => {
    expect([...selectRows(names, "bundle")]).toEqual(["bundle"]);
    expect([...selectRows(names, "bundle, build-10k")]).toEqual(["bundle", "build-10k"]);
  });

  it("refuses an unknown name, naming it and every row", () => {
    expect(() => selectRows(names, "bundle,bundel")).toThrow("--only: no row named bundel; the rows are: build-10k, rebuild-10k, bundle");
  });

  it("refuses an empty --only", () => {
    expect(() => selectRows(names, " , ")).toThrow("--only needs a row name");
  });
});

describe("BENCHMARK_ROWS", () => {
  it("gives every row a unique name that --only can take", () => {
    const rowNames = BENCHMARK_ROWS.map((row) => row.name);
    expect(new Set(rowNames).size).toBe(rowNames.length);
    for (const name of rowNames) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("gives every row a bound the code compares but the one shown for comparison and the one a Hexo row compares", () => {
    expect(BENCHMARK_ROWS.filter((row) => row.limits.length === 0).map((row) => row.name)).toEqual(["build-10k-one-thread", "npm-build-10k"]);
  });
});
