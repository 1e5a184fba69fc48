import { describe, expect, it } from "vitest";
import type { CurrentPointer } from "../../src/model/manifest";
import { createCurrentMemory } from "../../src/worker/store/current-memory";

function pointer(generation: number): CurrentPointer {
  return { manifest: `m${generation}`, generation, publishedAt: "2021-06-01T00:00:00Z", previous: [] };
}

/** A memory with a clock the test sets, and a load that counts its calls and answers what the test queues. */
function memoryWithClock(ttlMilliseconds = 5_000) {
  const clock = { now: 0 };
  const memory = createCurrentMemory({ ttlMilliseconds, now: () => clock.now });
  const state = { loads: 0 };
  const load = (value: CurrentPointer | undefined | Error) => () => {
    state.loads++;
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  };
  return { clock, memory, state, load };
}

describe("createCurrentMemory", () => {
  it("answers from memory within the time to live and reads again once it has passed", async () => {
    const { clock, memory, state, load } = memoryWithClock();
    expect(await memory.remember(load(pointer(1)))).toEqual(pointer(1));
    clock.now = 4_999;
    expect(await memory.remember(load(pointer(2)))).toEqual(pointer(1));
    expect(state.loads).toBe(1);
    clock.now = 5_000;
    expect(await memory.remember(load(pointer(2)))).toEqual(pointer(2));
    expect(state.loads).toBe(2);
  });

  it.each([
    { name: "a read that finds no pointer", value: undefined },
    { name: "a read that fails", value: new Error("KV GET failed") },
  ])("keeps nothing after $name", async ({ value }) => {
    const { memory, state, load } = memoryWithClock();
    await memory.remember(load(value)).catch(() => undefined);
    expect(await memory.remember(load(pointer(1)))).toEqual(pointer(1));
    expect(state.loads).toBe(2);
  });

  it("reads again when the clock goes backwards", async () => {
    const { clock, memory, state, load } = memoryWithClock();
    clock.now = 10_000;
    await memory.remember(load(pointer(1)));
    clock.now = 9_000;
    expect(await memory.remember(load(pointer(2)))).toEqual(pointer(2));
    expect(state.loads).toBe(2);
  });

  it("keeps the newer read when an older, slower one finishes last", async () => {
    const { clock, memory } = memoryWithClock();
    let finishOld!: (value: CurrentPointer) => void;
    const old = memory.remember(() => new Promise((resolve) => (finishOld = resolve)));
    clock.now = 1_000;
    await memory.remember(() => Promise.resolve(pointer(2)));
    finishOld(pointer(1));
    expect(await old).toEqual(pointer(1));
    clock.now = 1_500;
    expect(await memory.remember(() => Promise.resolve(pointer(3)))).toEqual(pointer(2));
  });

  it("never keeps a pointer when the time to live is 0", async () => {
    const { memory, state, load } = memoryWithClock(0);
    await memory.remember(load(pointer(1)));
    await memory.remember(load(pointer(1)));
    expect(state.loads).toBe(2);
  });

  it("peeks at the kept pointer only while it is fresh, and reads nothing", async () => {
    const { clock, memory, state, load } = memoryWithClock();
    expect(memory.peek()).toBeUndefined();
    await memory.remember(load(pointer(1)));
    clock.now = 4_999;
    expect(memory.peek()).toEqual(pointer(1));
    clock.now = 5_000;
    expect(memory.peek()).toBeUndefined();
    clock.now = -1;
    expect(memory.peek()).toBeUndefined();
    expect(state.loads).toBe(1);
  });
});
