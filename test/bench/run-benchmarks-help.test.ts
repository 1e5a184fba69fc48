import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BENCHMARK_ROWS } from "../../bench/benchmark-rows";

const ROOT = join(import.meta.dirname, "..", "..");

describe("npm run bench -- --help", () => {
  it("lists every row name --only takes, and says what becomes of the rows not run", () => {
    const usage = execFileSync(process.execPath, ["--import", "tsx", "bench/run-benchmarks.ts", "--help"], { cwd: ROOT, encoding: "utf8" });
    for (const row of BENCHMARK_ROWS) expect(usage).toMatch(new RegExp(`^  ${row.name} +\\S`, "m"));
    expect(usage).toContain('"not run in this');
  });
});
