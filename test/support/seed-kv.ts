import { type GenerationPlan, planGeneration } from "../../src/builder/plan/plan-generation";
import type { Article } from "../../src/model/article";
import { CURRENT_KEY } from "../../src/model/keys";
import type { CurrentPointer } from "../../src/model/manifest";
import type { SiteDefaults } from "../../src/model/site-config";
import { testHash } from "./test-hash";

/** What a test needs to know about the generation it seeded. */
export interface SeededGeneration {
  plan: GenerationPlan;
  current: CurrentPointer;
}

/**
 * Publishes `articles` into `kv` the way the build does: every planned entry, then `current` pointing
 * at the manifest (generation `generation`). Pure planning with a pure-JS hash, so it runs in workerd.
 */
export async function seedKv(kv: KVNamespace, articles: readonly Article[], generation = 1, site?: SiteDefaults): Promise<SeededGeneration> {
  const plan = planGeneration(articles, testHash, site);
  await Promise.all(plan.entries.map(async (entry) => kv.put(entry.key, await entry.value())));
  const current: CurrentPointer = {
    manifest: plan.manifestHash,
    generation,
    publishedAt: "2021-07-01T00:00:00Z",
    previous: [],
  };
  await kv.put(CURRENT_KEY, JSON.stringify(current));
  return { plan, current };
}

/** Removes every key from `kv`, so a test starts from an unpublished namespace. */
export async function clearKv(kv: KVNamespace): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await kv.list(cursor === undefined ? {} : { cursor });
    await Promise.all(page.keys.map((key) => kv.delete(key.name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor !== undefined);
}
