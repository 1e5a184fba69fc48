import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalStore } from "../../../../src/builder/publish/stores/create-local-store";
import { temporaryFolders } from "../../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-local-store-");

/** What `wrangler dev` would read: the namespace through wrangler's own getPlatformProxy, on the same config and state. */
async function readAsWranglerDev(configPath: string, persistPath: string, keys: readonly string[]): Promise<Record<string, string | null>> {
  const { getPlatformProxy } = createRequire(import.meta.url)("wrangler") as typeof import("wrangler");
  const proxy = await getPlatformProxy<{ FEEDS: KVNamespace }>({ configPath, persist: { path: persistPath }, remoteBindings: false });
  try {
    const values: Record<string, string | null> = {};
    for (const key of keys) values[key] = await proxy.env.FEEDS.get(key);
    return values;
  } finally {
    await proxy.dispose();
  }
}

/** A wrangler.toml whose FEEDS entry has `idLine` (or no id at all). */
function configWith(folder: string, idLine: string): string {
  const configPath = join(folder, "wrangler.toml");
  writeFileSync(configPath, `name = "edgefeed-test"\nmain = "worker.js"\ncompatibility_date = "2026-10-01"\n\n[[kv_namespaces]]\nbinding = "FEEDS"\n${idLine}\n`);
  writeFileSync(join(folder, "worker.js"), "export default { fetch() { return new Response(null); } };");
  return configPath;
}

describe("createLocalStore", () => {
  for (const [name, idLine] of [
    ["an id", 'id = "0123456789abcdef0123456789abcdef"'],
    ["no id (wrangler dev then names the namespace after its binding)", ""],
  ] as const) {
    it(`writes what wrangler dev then reads, for a namespace with ${name}`, async () => {
      const folder = makeFolder();
      const configPath = configWith(folder, idLine);
      const persistPath = join(folder, "state", "v3");
      const store = await createLocalStore({ configPath, persistPath });
      try {
        await store.put("current", "generation 1");
        await store.put("a/正文", "正文😀".repeat(10_000));
        await store.put("gone", "x");
        await store.delete("gone");
        expect(await store.get("current")).toBe("generation 1");
      } finally {
        await store.dispose();
      }
      expect(await readAsWranglerDev(configPath, persistPath, ["current", "a/正文", "gone"])).toEqual({
        current: "generation 1",
        "a/正文": "正文😀".repeat(10_000),
        gone: null,
      });
    }, 60_000);
  }

  it("writes batches through putMany that a fresh store on the same folder reads back, and deletes them through deleteMany", async () => {
    const folder = makeFolder();
    const configPath = configWith(folder, 'id = "0123456789abcdef0123456789abcdef"');
    const persistPath = join(folder, "state", "v3");
    // More pairs than one request carries, so putMany splits them; values from a few bytes to ~24 KB.
    const entries = Array.from({ length: 700 }, (_, index) => ({ key: `batch/${index}/正文`, value: `value ${index} ${"😀x".repeat(index * 7)}` }));
    const store = await createLocalStore({ configPath, persistPath });
    try {
      expect(store.batchLimit.pairs).toBeLessThan(entries.length);
      await store.putMany(entries);
    } finally {
      await store.dispose();
    }
    const reopened = await createLocalStore({ configPath, persistPath });
    try {
      for (const { key, value } of entries) expect(await reopened.get(key)).toBe(value);
      await reopened.deleteMany(entries.slice(0, 600).map((entry) => entry.key));
      expect(await reopened.list("batch/")).toHaveLength(100);
      expect(await reopened.get(entries[0]!.key)).toBeNull();
      expect(await reopened.get(entries[600]!.key)).toBe(entries[600]!.value);
    } finally {
      await reopened.dispose();
    }
    expect(await readAsWranglerDev(configPath, persistPath, [entries[599]!.key, entries[699]!.key])).toEqual({
      [entries[599]!.key]: null,
      [entries[699]!.key]: entries[699]!.value,
    });
  }, 120_000);

  it("restarts workerd between batches once enough writes went through it, and keeps what was written", async () => {
    const folder = makeFolder();
    const configPath = configWith(folder, 'id = "0123456789abcdef0123456789abcdef"');
    const persistPath = join(folder, "state", "v3");
    const entries = Array.from({ length: 250 }, (_, index) => ({ key: `restart/${index}`, value: `value ${index}` }));
    const store = await createLocalStore({ configPath, persistPath, restartAfterWrites: 100 });
    try {
      // Batches of 50: a restart after every second one, none inside a batch.
      for (let start = 0; start < entries.length; start += 50) await store.putMany(entries.slice(start, start + 50));
      expect(store.restarts).toBe(2);
      await store.put("single", "one more");
      await store.deleteMany(["restart/0"]);
      expect(store.restarts).toBe(2);
      // A call larger than the bound is split at it: 150 writes are a request of 100 on a fresh workerd and 50 on another.
      expect(store.batchLimit.pairs).toBe(100);
      await store.putMany(Array.from({ length: 150 }, (_, index) => ({ key: `large/${index}`, value: "x" })));
      expect(store.restarts).toBe(4);
      for (const { key, value } of entries.slice(1)) expect(await store.get(key)).toBe(value);
      expect(await store.get("restart/0")).toBeNull();
      expect(await store.get("single")).toBe("one more");
    } finally {
      await store.dispose();
    }
  }, 120_000);

  it("restarts workerd once a batch's values would pass the byte bound", async () => {
    const folder = makeFolder();
    const configPath = configWith(folder, 'id = "0123456789abcdef0123456789abcdef"');
    const store = await createLocalStore({ configPath, persistPath: join(folder, "state", "v3"), restartAfterBytes: 25_000 });
    try {
      const batch = (name: string) => Array.from({ length: 10 }, (_, index) => ({ key: `${name}/${index}`, value: "v".repeat(1_000) }));
      await store.putMany(batch("first"));
      await store.putMany(batch("second"));
      expect(store.restarts).toBe(0);
      await store.putMany(batch("third"));
      expect(store.restarts).toBe(1);
      expect(await store.get("first/0")).toBe("v".repeat(1_000));
    } finally {
      await store.dispose();
    }
  }, 60_000);

  it("splits a putMany call into requests within the batch's byte bound", async () => {
    const folder = makeFolder();
    const configPath = configWith(folder, 'id = "0123456789abcdef0123456789abcdef"');
    // A restart after three writes shows where a request ended: four values of a quarter of the bound
    // each do not fit one request with their framing, so six go as two requests of three.
    const store = await createLocalStore({ configPath, persistPath: join(folder, "state", "v3"), restartAfterWrites: 3, restartAfterBytes: Infinity });
    try {
      const values = Array.from({ length: 6 }, (_, index) => `${index}`.padEnd(Math.ceil(store.batchLimit.bytes / 4), "v"));
      await store.putMany(values.map((value, index) => ({ key: `large/${index}`, value })));
      expect(store.restarts).toBe(1);
      expect(await Promise.all(values.map((_, index) => store.get(`large/${index}`)))).toEqual(values);
    } finally {
      await store.dispose();
    }
  }, 60_000);

  it("rejects a batch with an invalid key, naming the key and giving workerd's reason", async () => {
    const folder = makeFolder();
    const configPath = configWith(folder, 'id = "0123456789abcdef0123456789abcdef"');
    const store = await createLocalStore({ configPath, persistPath: join(folder, "state", "v3") });
    const tooLong = `long/${"k".repeat(510)}`;
    try {
      const failure = store.putMany([{ key: "fine", value: "1" }, { key: tooLong, value: "2" }, { key: "also-fine", value: "3" }]);
      await expect(failure).rejects.toThrow(`local KV put of "${tooLong}" failed`);
      await expect(failure).rejects.toThrow("exceeds key length limit of 512");
      await expect(store.deleteMany(["fine", "."])).rejects.toThrow('local KV delete of "." failed');
      // The store still works after a failed batch.
      await store.putMany([{ key: "after", value: "4" }]);
      expect(await store.get("after")).toBe("4");
    } finally {
      await store.dispose();
    }
  }, 60_000);

  it("names the config and the binding when the config binds no such namespace", async () => {
    const folder = makeFolder();
    const configPath = configWith(folder, 'id = "x"');
    await expect(createLocalStore({ configPath, persistPath: join(folder, "v3"), binding: "OTHER" })).rejects.toThrow(`${configPath} has no KV namespace bound as OTHER`);
  });
});
