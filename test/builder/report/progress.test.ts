import { describe, expect, it } from "vitest";
import { createProgress } from "../../../src/builder/report/progress";

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => void writes.push(text) } };
}

function steppedClock() {
  let time = 0;
  return { clock: () => time, advance: (milliseconds: number) => void (time += milliseconds) };
}

describe("createProgress", () => {
  it("redraws one terminal line with a bar, the count, the rate and the time left", () => {
    const { writes, stream } = recorder(true);
    const { clock, advance } = steppedClock();
    const progress = createProgress({ label: "writing", total: 200, stream, clock });
    advance(1_000);
    progress.advance(50);
    expect(writes.at(-1)).toBe("\r[######------------------] writing: 50/200 (25%), 50.0/s, 3s left\x1b[K");
    advance(50); // sooner than a redraw is worth
    progress.advance(10);
    expect(writes).toHaveLength(1);
    advance(3_000);
    progress.advance(140);
    progress.finish();
    expect(writes.at(-2)).toBe("\r[########################] writing: 200/200 (100%), 49.4/s, 4s elapsed\x1b[K");
    expect(writes.at(-1)).toBe("\n");
  });

  it("writes plain periodic lines when not on a terminal, and the last state once", () => {
    const { writes, stream } = recorder(false);
    const { clock, advance } = steppedClock();
    const progress = createProgress({ label: "deleting", total: 1_000, stream, clock, lineInterval: 5_000 });
    for (let second = 1; second <= 12; second++) {
      advance(1_000);
      progress.advance(50);
    }
    progress.finish();
    progress.finish();
    expect(writes).toEqual([
      "deleting: 50/1000 (5%), 50.0/s, 19s left\n",
      "deleting: 300/1000 (30%), 50.0/s, 14s left\n",
      "deleting: 550/1000 (55%), 50.0/s, 9s left\n",
      "deleting: 600/1000 (60%), 50.0/s, 8s left\n",
    ]);
  });
});
