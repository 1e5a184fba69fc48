import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collectGarbage } from "../../../src/builder/publish/collect-garbage";
import { publishGeneration } from "../../../src/builder/publish/publish-generation";
import { rollbackGeneration } from "../../../src/builder/publish/rollback-generation";
import { PublishError } from "../../../src/builder/report/publish-error";
import { CURRENT_KEY } from "../../../src/model/keys";
import { readCurrent, readWholeGeneration } from "./generation-check";
import { manualClock, planOf } from "./publish-fixtures";
import { failingAfter, MemoryStore } from "./stores/memory-store";

const GRACE_SECONDS = 60;

type Step =
  | { kind: "publish"; from: number; to: number; edited: number[]; crashAfter?: number }
  | { kind: "rollback" }
  | { kind: "gc" }
  | { kind: "wait"; seconds: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("publish" as const),
    from: fc.integer({ min: 0, max: 4 }),
    to: fc.integer({ min: 18, max: 30 }),
    edited: fc.subarray([1, 5, 9, 17]),
  }),
  fc.record({
    kind: fc.constant("publish" as const),
    from: fc.integer({ min: 0, max: 4 }),
    to: fc.integer({ min: 18, max: 30 }),
    edited: fc.subarray([1, 5, 9, 17]),
    crashAfter: fc.integer({ min: 0, max: 40 }),
  }),
  fc.constant<Step>({ kind: "rollback" }),
  fc.constant<Step>({ kind: "gc" }),
  fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 0, max: 90 }) }),
);

describe("any history of publishes, crashes, rollbacks and collections", () => {
  it("keeps every kept generation and every retired one inside its grace period whole, and leaks nothing", async () => {
    let crashedRuns = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 3 }), async (steps, keep) => {
        const store = new MemoryStore();
        const clock = manualClock();
        const options = { ...clock, keep, graceSeconds: GRACE_SECONDS, force: true };
        let crashed = false;
        for (const current of steps) {
          if (current.kind === "publish") {
            const plan = planOf(current.from, current.to, new Set(current.edited));
            const target = current.crashAfter === undefined ? store : failingAfter(store, current.crashAfter);
            try {
              await publishGeneration(plan, target, options);
            } catch (error) {
              if (!(error instanceof Error) || !error.message.includes("simulated crash")) throw error;
              crashed = true;
            }
          } else if (current.kind === "rollback") {
            await rollbackGeneration(store, clock).catch((error: unknown) => {
              if (!(error instanceof PublishError)) throw error;
            });
          } else if (current.kind === "gc") {
            await collectGarbage(store, options);
          } else {
            clock.advance(current.seconds);
          }
          if (!store.values.has(CURRENT_KEY)) continue;
          const pointer = await readCurrent(store);
          for (const hash of [pointer.manifest, ...pointer.previous]) await readWholeGeneration(store, hash);
          // A publish that never went live is found by its manifest and need not be whole: no reader saw it.
          for (const retired of pointer.retired ?? []) {
            if (!retired.neverLive && Date.parse(retired.retiredAt) + GRACE_SECONDS * 1000 > clock.now().getTime()) {
              await readWholeGeneration(store, retired.manifest);
            }
          }
        }
        if (!store.values.has(CURRENT_KEY)) return;
        // Once every grace period is over, a collection leaves exactly the kept generations and the pointer,
        // crashes included: the first finds what crashed publishes left, the second (a grace period on) deletes it.
        clock.advance(GRACE_SECONDS + 1);
        await collectGarbage(store, options);
        clock.advance(GRACE_SECONDS + 1);
        await collectGarbage(store, options);
        if (crashed) crashedRuns++;
        const pointer = await readCurrent(store);
        const reachable = new Set([CURRENT_KEY]);
        for (const hash of [pointer.manifest, ...pointer.previous]) {
          for (const key of await readWholeGeneration(store, hash)) reachable.add(key);
        }
        expect([...store.values.keys()].sort()).toEqual([...reachable].sort());
      }),
      { numRuns: 120 },
    );
    // The property is checked on histories with crashes too, not only without.
    expect(crashedRuns).toBeGreaterThan(10);
  });
});
