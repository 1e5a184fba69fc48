import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalStore } from "../../../../src/builder/publish/stores/create-local-store";
import { createLocalStoreInThread } from "../../../../src/builder/publish/stores/create-local-store-in-thread";
import { PublishError } from "../../../../src/builder/report/publish-error";
import { temporaryFolders } from "../../../support/temporary-folders";

const makeFolder = temporaryFolders("edgefeed-local-store-thread-");

function configIn(folder: string, idLine = 'id = "0123456789abcdef0123456789abcdef"'): string {
  const configPath = join(folder, "wrangler.toml");
  writeFileSync(configPath, `name = "edgefeed-test"\nmain = "worker.js"\ncompatibility_date = "2026-10-01"\n\n[[kv_namespaces]]\nbinding = "FEEDS"\n${idLine}\n`);
  writeFileSync(join(folder, "worker.js"), "export default { fetch() { return new Response(null); } };");
  return configPath;
}

describe("createLocalStoreInThread", () => {
  it("reads, lists, writes and deletes as createLocalStore does, on the same state", async () => {
    const folder = makeFolder();
    const configPath = configIn(folder);
    const persistPath = join(folder, "state", "v3");
    const store = await createLocalStoreInThread({ configPath, persistPath });
    const bytes = new Uint8Array([0x1f, 0x8b, 0, 255]);
    try {
      expect(store.persistPath).toBe(persistPath);
      // Miniflare has no one-write-per-second rule for a key: a local publish writes `current` without waiting.
      expect(store.oneWritePerKeyPerSecond).toBe(false);
      await store.putMany([
        { key: "page:a", value: bytes },
        { key: "page:b", value: "正文😀" },
      ]);
      await store.put("current", "generation 1");
      await store.put("gone", "x");
      await store.deleteMany(["gone"]);
      expect(await store.get("current")).toBe("generation 1");
      expect(await store.get("gone")).toBeNull();
      expect(await store.getBytes("page:a")).toEqual(bytes);
      expect((await store.list("page:")).sort()).toEqual(["page:a", "page:b"]);
    } finally {
      await store.dispose();
    }
    const again = await createLocalStore({ configPath, persistPath });
    try {
      expect(await again.get("page:b")).toBe("正文😀");
      expect(await again.get("current")).toBe("generation 1");
    } finally {
      await again.dispose();
    }
  }, 60_000);

  it("fails to open with createLocalStore's own PublishError", async () => {
    const folder = makeFolder();
    const configPath = configIn(folder, 'id = "00000000000000000000000000000000"');
    writeFileSync(configPath, "not toml = = =");
    const opening = createLocalStoreInThread({ configPath, persistPath: join(folder, "state", "v3") });
    await expect(opening).rejects.toBeInstanceOf(PublishError);
    await expect(opening).rejects.toThrow(/wrangler\.toml/);
  }, 60_000);
});
