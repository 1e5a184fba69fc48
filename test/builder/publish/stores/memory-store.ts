import type { KvEntry, KvStore } from "../../../../src/builder/publish/stores/kv-store";

/** An in-memory KvStore that counts every write, delete and read, for cost and logic tests. */
export class MemoryStore implements KvStore {
  /** What was put, as it was put: text, or bytes (a compressed page). */
  readonly values = new Map<string, string | Uint8Array>();
  writes = 0;
  deletes = 0;
  reads = 0;
  readonly written: string[] = [];

  async get(key: string): Promise<string | null> {
    this.reads++;
    const value = this.values.get(key);
    // As KV's text read does: bytes come back decoded as UTF-8.
    return value === undefined ? null : typeof value === "string" ? value : new TextDecoder().decode(value);
  }

  async getBytes(key: string): Promise<Uint8Array | null> {
    this.reads++;
    const value = this.values.get(key);
    return value === undefined ? null : typeof value === "string" ? new TextEncoder().encode(value) : value;
  }

  async put(key: string, value: string | Uint8Array): Promise<void> {
    this.writes++;
    this.written.push(key);
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.deletes++;
    this.values.delete(key);
  }

  lists = 0;

  async list(prefix: string): Promise<string[]> {
    this.lists++;
    return [...this.values.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  async putMany(entries: readonly KvEntry[]): Promise<void> {
    for (const entry of entries) await this.put(entry.key, entry.value);
  }

  /** Zeroes the counters, so a test measures one step. */
  resetCounts(): void {
    this.writes = 0;
    this.deletes = 0;
    this.reads = 0;
    this.lists = 0;
    this.written.length = 0;
  }
}

/** Wraps a store so that it throws after `limit` successful writes or deletes: a publish killed mid-way. */
export function failingAfter(store: KvStore, limit: number): KvStore {
  let done = 0;
  const step = (): void => {
    if (done >= limit) throw new Error(`simulated crash after ${limit} writes`);
    done++;
  };
  return {
    get: (key) => store.get(key),
    getBytes: (key) => store.getBytes(key),
    ...(store.list ? { list: (prefix: string) => store.list!(prefix) } : {}),
    async put(key, value) {
      step();
      await store.put(key, value);
    },
    async delete(key) {
      step();
      await store.delete(key);
    },
  };
}
