import { describe, expect, it } from "vitest";
import type { Manifest } from "../../src/model/manifest";
import { createManifestMemory } from "../../src/worker/store/manifest-memory";

function manifest(updated: string): Manifest {
  return { format: 2, updated, scopes: {}, categories: [], tags: [], shardCount: 1, shards: {} };
}

/** A load that counts its calls and settles when the test says. */
function controlledLoad() {
  const state = { loads: 0 };
  const pending: { resolve: (value: Manifest) => void; reject: (error: Error) => void }[] = [];
  const load = () => {
    state.loads++;
    return new Promise<Manifest>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { state, pending, load };
}

describe("createManifestMemory", () => {
  it("keeps a manifest once read, and reads it no more", async () => {
    const memory = createManifestMemory();
    let loads = 0;
    const load = () => (loads++, Promise.resolve(manifest("2021-06-01T00:00:00Z")));
    expect(await memory.remember("a", load)).toEqual(manifest("2021-06-01T00:00:00Z"));
    expect(await memory.remember("a", load)).toEqual(manifest("2021-06-01T00:00:00Z"));
    expect(loads).toBe(1);
  });

  it("never hands one request's read in flight to another: each reads until one has finished", async () => {
    const memory = createManifestMemory();
    const { state, pending, load } = controlledLoad();
    const first = memory.remember("a", load);
    const second = memory.remember("a", load);
    await Promise.resolve();
    expect(state.loads).toBe(2);
    pending[0]!.resolve(manifest("one"));
    pending[1]!.resolve(manifest("one"));
    expect(await first).toEqual(manifest("one"));
    expect(await second).toEqual(manifest("one"));
    await memory.remember("a", load);
    expect(state.loads).toBe(2);
  });

  it("keeps nothing when a read fails, so the next request reads again", async () => {
    const memory = createManifestMemory();
    let loads = 0;
    await expect(memory.remember("a", () => (loads++, Promise.reject(new Error("KV hiccup"))))).rejects.toThrow("KV hiccup");
    expect(await memory.remember("a", () => (loads++, Promise.resolve(manifest("two"))))).toEqual(manifest("two"));
    expect(loads).toBe(2);
  });

  it("keeps the two most recently used manifests", async () => {
    const memory = createManifestMemory();
    let loads = 0;
    const load = (name: string) => () => (loads++, Promise.resolve(manifest(name)));
    await memory.remember("a", load("a"));
    await memory.remember("b", load("b"));
    await memory.remember("a", load("a"));
    await memory.remember("c", load("c"));
    expect(loads).toBe(3);
    await memory.remember("a", load("a"));
    expect(loads).toBe(3);
    await memory.remember("b", load("b"));
    expect(loads).toBe(4);
  });
});
