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

  it("names the config and the binding when the config binds no such namespace", async () => {
    const folder = makeFolder();
    const configPath = configWith(folder, 'id = "x"');
    await expect(createLocalStore({ configPath, persistPath: join(folder, "v3"), binding: "OTHER" })).rejects.toThrow(`${configPath} has no KV namespace bound as OTHER`);
  });
});
