import { describe, expect, it } from "vitest";
import { threadFlags } from "../../../src/builder/run/build-worker-pool";

describe("threadFlags", () => {
  it("leaves out the process-wide heap flags Node refuses to give a worker, and keeps the rest", () => {
    expect(
      threadFlags(["--import", "tsx", "--max-old-space-size=640", "--max_semi_space_size=16", "--enable-source-maps", "--max-old-space-size", "512", "--no-warnings"]),
    ).toEqual(["--import", "tsx", "--enable-source-maps", "--no-warnings"]);
  });

  it("keeps flags that only look alike", () => {
    expect(threadFlags(["--max-http-header-size=1024", "--stack-size=900"])).toEqual(["--max-http-header-size=1024", "--stack-size=900"]);
  });
});
