import { manifestKey, shardKey } from "../../model/keys";
import type { ArticleShard, Manifest } from "../../model/manifest";
import type { StoredShard } from "./generation-keys";
import type { GenerationPlan } from "../plan/plan-generation";
import type { KvStore } from "./stores/kv-store";

/** One generation whose keys can be worked out: its manifest, and its article shards read on demand. */
export interface GenerationSource {
  manifestHash: string;
  manifest: Manifest;
  /** The shard stored under `shard:<hash>` (of either layout, see StoredShard), or null when it is missing. */
  readShard(hash: string): Promise<ArticleShard | StoredShard | null>;
}

/** The generation a plan describes, read from the plan itself (nothing is fetched). */
export function planSource(plan: GenerationPlan): GenerationSource {
  const entries = new Map(plan.entries.map((entry) => [entry.key, entry]));
  return {
    manifestHash: plan.manifestHash,
    manifest: plan.manifest,
    async readShard(hash) {
      const entry = entries.get(shardKey(hash));
      // Shards are always text (PlanOptions.encodeValue encodes only pages and articles).
      return entry ? (JSON.parse(entry.value() as string) as ArticleShard) : null;
    },
  };
}

/** Reads stored generations through `store`, each manifest and shard at most once. */
export class StoredGenerations {
  private readonly manifests = new Map<string, Promise<GenerationSource | null>>();
  private readonly shards = new Map<string, Promise<StoredShard | null>>();
  /** How many values were read from the store, for the publish report. */
  reads = 0;

  constructor(private readonly store: KvStore) {}

  /** The generation whose manifest is `manifest:<hash>`, or null when that manifest is missing. */
  read(hash: string): Promise<GenerationSource | null> {
    let found = this.manifests.get(hash);
    if (!found) {
      found = this.fetchJson<Manifest>(manifestKey(hash)).then((manifest) =>
        manifest ? { manifestHash: hash, manifest, readShard: (shardHash: string) => this.readShard(shardHash) } : null,
      );
      this.manifests.set(hash, found);
    }
    return found;
  }

  /** Reads several generations, leaving out those whose manifest is missing. */
  async readAll(hashes: readonly string[]): Promise<{ found: GenerationSource[]; missing: string[] }> {
    const results = await Promise.all(hashes.map((hash) => this.read(hash)));
    return {
      found: results.filter((source): source is GenerationSource => source !== null),
      missing: hashes.filter((_, index) => results[index] === null),
    };
  }

  private readShard(hash: string): Promise<StoredShard | null> {
    let found = this.shards.get(hash);
    if (!found) {
      found = this.fetchJson<StoredShard>(shardKey(hash));
      this.shards.set(hash, found);
    }
    return found;
  }

  private async fetchJson<T>(key: string): Promise<T | null> {
    this.reads++;
    const text = await this.store.get(key);
    if (text === null) return null;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`the stored value of ${key} is not JSON: the namespace holds something edgefeed did not write`);
    }
  }
}
