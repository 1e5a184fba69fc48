import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sampleResidentMemory, sampleResidentMemoryGroups } from "../../scripts/support/sample-resident-memory";

describe("sampleResidentMemoryGroups", () => {
  it("sums each group's processes below the root at the same instants, and leaves out other names", async () => {
    // A shell (the root, not in any group) starting two sleeps and a node holding ~64 MiB.
    const root = spawn("sh", ["-c", `sleep 30 & sleep 30 & ${JSON.stringify(process.execPath)} -e "globalThis.held = Buffer.alloc(64 * 1048576, 1); setTimeout(() => {}, 30000)" & wait`], { stdio: "ignore", detached: true });
    try {
      const sampler = sampleResidentMemoryGroups(root.pid!, { node: ["node", "MainThread"], sleep: ["sleep"] });
      const single = sampleResidentMemory(root.pid!, "sleep");
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const { samples, counts, processes } = sampler.stop();
      const alone = single.stop();
      expect(samples.node.length).toBeGreaterThanOrEqual(3);
      expect(samples.sleep).toHaveLength(samples.node.length);
      expect(processes).toEqual({ node: 1, sleep: 2 });
      expect([counts.node.at(-1), counts.sleep.at(-1)]).toEqual([1, 2]);
      expect(alone.processes).toBe(2);
      // The node holds its 64 MiB by the last sample; two sleeps are far smaller.
      expect(samples.node.at(-1)!).toBeGreaterThan(64 * 1024);
      expect(samples.sleep.at(-1)!).toBeGreaterThan(0);
      expect(samples.sleep.at(-1)!).toBeLessThan(32 * 1024);
    } finally {
      // The shell leads a process group of its own (detached): all of it stops at once.
      process.kill(-root.pid!, "SIGTERM");
    }
  });
});
