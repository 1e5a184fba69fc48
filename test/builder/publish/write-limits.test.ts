import { describe, expect, it } from "vitest";
import { publishGeneration } from "../../../src/builder/publish/publish-generation";
import { CURRENT_KEY } from "../../../src/model/keys";
import { readCurrent, readWholeGeneration } from "./generation-check";
import { manualClock, planOf } from "./publish-fixtures";
import type { StandInOptions } from "./stores/bulk-api-stand-in";
import { remoteOverStandIn } from "./stores/remote-over-stand-in";
import { MemoryStore } from "./stores/memory-store";

const overStandIn = remoteOverStandIn();

/** The remote store over the stand-in, sending `pairs` per bulk request (wrangler sends 5,000; small here, so a limit falls between requests). */
async function remote(options: Partial<StandInOptions> = {}, pairs = 20) {
  const { store, standIn } = await overStandIn(options);
  return { store: { ...store, batchLimit: { pairs, bytes: 50_000_000 } }, standIn };
}

describe("a publish at a write limit", () => {
  it("stops cleanly when Cloudflare's daily limit is reached, changing nothing live, and the next run continues", async () => {
    // The API takes a request that starts under the limit whole, then refuses the next.
    // A day's limit the first publish fits in and the second does not, whose rest fits in the next day's.
    const { store, standIn } = await remote({ dailyWriteLimit: 40 });
    const clock = manualClock();
    const first = planOf(0, 20);
    await publishGeneration(first, store, clock);
    const live = await readCurrent(store);
    const plan = planOf(0, 250);
    const total = plan.entries.length;
    expect(total).toBeGreaterThan(30);
    clock.advance(10);
    const stop = (await publishGeneration(plan, store, clock).catch((error: unknown) => error)) as Error;
    expect(stop).toBeInstanceOf(Error);
    const written = Number(/publish stopped: (\d+) of (\d+) values written/.exec(stop.message)?.[1]);
    expect(stop.message).toMatch(/daily KV limit is reached \(10048 /);
    expect(stop.message).toMatch(/Nothing live changed: generation 1 stays live\. Run the same command again after the limit resets \(00:00 UTC\) to continue/);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(total);
    expect(await readCurrent(store)).toEqual(live);
    await readWholeGeneration(store, first.manifestHash);

    // After the reset: the same build writes only what the stopped run did not, then goes live.
    standIn.resetDailyWrites();
    const billedBefore = standIn.billedWrites;
    clock.advance(10);
    const report = await publishGeneration(plan, store, clock);
    expect(report.outcome).toBe("published");
    expect(report.resumed).toBeGreaterThan(0);
    expect(standIn.billedWrites - billedBefore).toBe(report.writes);
    await readWholeGeneration(store, plan.manifestHash);
    expect((await readCurrent(store)).manifest).toBe(plan.manifestHash);
  });

  it("stops the same way when the limit refuses only the pointer, and the next run writes just that", async () => {
    // A limit one past the first publish: the next one's content goes in one request that starts under it.
    const firstWrites = (await publishGeneration(planOf(0, 20), new MemoryStore(), { dryRun: true })).writes;
    const { store, standIn } = await remote({ dailyWriteLimit: firstWrites + 1 }, 5_000);
    const clock = manualClock();
    await publishGeneration(planOf(0, 20), store, clock);
    const plan = planOf(0, 100);
    clock.advance(10);
    // The whole content goes in one request, which starts under the limit; `current` is refused after it.
    const stop = (await publishGeneration(plan, store, clock).catch((error: unknown) => error)) as Error;
    const [, written, total] = /publish stopped: (\d+) of (\d+) values written/.exec(stop.message) ?? [];
    expect(Number(total)).toBe(Number(written) + 1);
    expect((await readCurrent(store)).generation).toBe(1);
    standIn.resetDailyWrites();
    clock.advance(10);
    const report = await publishGeneration(plan, store, clock);
    expect(report.writes).toBe(1);
    expect((await readCurrent(store)).manifest).toBe(plan.manifestHash);
  });

  it("writes exactly --max-writes values, then stops with nothing live changed; the next run finishes the job", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    await publishGeneration(planOf(0, 20), store, clock);
    const live = await store.get(CURRENT_KEY);
    const plan = planOf(0, 200);
    store.resetCounts();
    clock.advance(10);
    await expect(publishGeneration(plan, store, { ...clock, maxWrites: 25 })).rejects.toThrow(/publish stopped: 25 of \d+ values written \(stopped at the write budget/);
    expect(store.writes).toBe(25);
    expect(await store.get(CURRENT_KEY)).toBe(live);
    // The manifest went first, so the stopped publish is named in the store.
    expect(store.values.has(`manifest:${plan.manifestHash}`)).toBe(true);
    store.resetCounts();
    clock.advance(10);
    const report = await publishGeneration(plan, store, clock);
    expect(report.resumed).toBe(25);
    expect(store.writes).toBe(report.writes);
    await readWholeGeneration(store, plan.manifestHash);
  });

  it("publishes whole when the budget covers every write, the pointer's included", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    const plan = planOf(0, 30);
    const dry = await publishGeneration(plan, store, { ...clock, dryRun: true });
    const report = await publishGeneration(plan, store, { ...clock, maxWrites: dry.writes });
    expect(report.outcome).toBe("published");
    await expect(publishGeneration(planOf(0, 31), new MemoryStore(), { ...clock, maxWrites: dry.writes - 1 })).rejects.toThrow(/publish stopped/);
  });

  it("deletes what a publish that never went live wrote, once the grace period has passed", async () => {
    const store = new MemoryStore();
    const clock = manualClock();
    await publishGeneration(planOf(0, 20), store, clock);
    const stopped = planOf(0, 100);
    await publishGeneration(stopped, store, { ...clock, maxWrites: 10 }).catch(() => {});
    const leftovers = [...store.values.keys()].filter((key) => key !== CURRENT_KEY);
    clock.advance(10);
    // A different build: the stopped one's manifest is found, retired, and its values deleted after the grace period.
    const next = planOf(0, 21);
    const report = await publishGeneration(next, store, { ...clock, graceSeconds: 60 });
    expect(report.waiting).toEqual([expect.objectContaining({ manifest: stopped.manifestHash, neverLive: true })]);
    clock.advance(61);
    const later = await publishGeneration(planOf(0, 22), store, { ...clock, graceSeconds: 60 });
    expect(later.deleted.manifests).toContain(`manifest:${stopped.manifestHash}`);
    const kept = new Set<string>([CURRENT_KEY]);
    const pointer = await readCurrent(store);
    for (const hash of [pointer.manifest, ...pointer.previous]) for (const key of await readWholeGeneration(store, hash)) kept.add(key);
    for (const key of leftovers) if (!kept.has(key)) expect(store.values.has(key), key).toBe(false);
  });
});
