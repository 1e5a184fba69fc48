import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { articleSettingsOf, type ArticleSettings, type BuiltArticle } from "../article/build-article";
import { moveIntoPlace, temporaryPathFor } from "./replace-file";

/** The cache file inside the cache folder: a header line, then one `{"key":…,"result":…}` line per post. */
const CACHE_FILE = "build-cache.ndjson";

const KEY_PREFIX = '{"key":"';
const KEY_LENGTH = 32;

/** What the header line says; a cache written under any other header is ignored whole. */
interface CacheHeader {
  format: "edgefeed build cache";
  builder: string;
  settings: ArticleSettings;
}

/**
 * Build results of earlier runs, keyed by a hash of each post's path and bytes, valid only for the
 * builder version and site time zone they were made with. A post whose key is found is not built again;
 * anything unreadable (another version, a torn or edited file, a line that does not parse) is ignored,
 * so the cache can make a build faster but never make it different.
 */
export class BuildCache {
  private readonly header: string;
  private output: WriteStream | undefined;
  private outputError: Error | undefined;
  hits = 0;
  misses = 0;

  private constructor(
    private readonly folder: string,
    header: CacheHeader,
    private readonly previous: Buffer,
    private readonly index: Map<string, { start: number; end: number }>,
  ) {
    this.header = JSON.stringify(header);
  }

  /** Opens the cache in `folder` for this builder and time zone (empty when missing or unusable). */
  static async open(folder: string, builder: string, settings: ArticleSettings): Promise<BuildCache> {
    // Only the settings an article depends on, in a fixed order, so the header is the same for the same ones.
    const header: CacheHeader = { format: "edgefeed build cache", builder, settings: articleSettingsOf(settings) };
    const empty = new BuildCache(folder, header, Buffer.alloc(0), new Map());
    let bytes: Buffer;
    try {
      bytes = await readFile(join(folder, CACHE_FILE));
    } catch {
      return empty;
    }
    const firstEnd = bytes.indexOf(10);
    if (firstEnd < 0 || bytes.toString("utf8", 0, firstEnd) !== JSON.stringify(header)) return empty;
    const index = new Map<string, { start: number; end: number }>();
    for (let start = firstEnd + 1; start < bytes.length; ) {
      const end = bytes.indexOf(10, start);
      // Every line ends in a newline; one without is a torn write, so nothing after the header is trusted.
      if (end < 0) return empty;
      if (bytes.toString("latin1", start, start + KEY_PREFIX.length) !== KEY_PREFIX) return empty;
      const key = bytes.toString("latin1", start + KEY_PREFIX.length, start + KEY_PREFIX.length + KEY_LENGTH);
      if (!/^[0-9a-f]{32}$/.test(key)) return empty;
      index.set(key, { start, end });
      start = end + 1;
    }
    return new BuildCache(folder, header, bytes, index);
  }

  /** The key of one post: its path (the article id and every problem name it) and its bytes. */
  static keyOf(path: string, bytes: Uint8Array): string {
    return createHash("sha256").update(path).update("\0").update(bytes).digest("hex").slice(0, KEY_LENGTH);
  }

  /** Whether a result for this key may be cached (`get` still checks that it reads back whole). */
  has(key: string): boolean {
    return this.index.has(key);
  }

  /** The cached result for a post, or undefined when there is none or it does not read back whole. */
  get(key: string, path: string): BuiltArticle | undefined {
    const place = this.index.get(key);
    if (!place) return undefined;
    const line = this.previous.toString("utf8", place.start, place.end);
    let entry: { key?: unknown; result?: Partial<BuiltArticle> };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return undefined;
    }
    const result = entry.result;
    if (entry.key !== key || typeof result !== "object" || result === null) return undefined;
    if (result.file !== path || !Array.isArray(result.problems)) return undefined;
    if (result.article !== undefined && (typeof result.article !== "object" || typeof result.article.id !== "string")) return undefined;
    return result as BuiltArticle;
  }

  /** Starts writing the next cache beside the current one; entries go in as the build produces them. */
  async startWriting(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    this.output = createWriteStream(this.temporaryPath());
    this.output.on("error", (error) => (this.outputError ??= error));
    this.output.write(`${this.header}\n`);
  }

  /** Records one post's result (as the JSON the worker made, or stringified here) in the next cache. */
  record(key: string, resultJson: string): void {
    this.output?.write(`${KEY_PREFIX}${key}","result":${resultJson}}\n`);
  }

  /** Records a post's cached result, as it was read, in the next cache. */
  keep(key: string): void {
    const place = this.index.get(key);
    if (place) this.output?.write(this.previous.subarray(place.start, place.end + 1));
  }

  /** Resolves once the writes recorded so far are handed to the file, so a big build never queues its whole cache in memory. */
  async drained(): Promise<void> {
    const output = this.output;
    if (output?.writableNeedDrain && !this.outputError) await once(output, "drain").catch(() => undefined);
  }

  /** Replaces the cache with what was recorded, in one rename, so a crash leaves the old cache or the new. */
  async finishWriting(): Promise<void> {
    const output = this.output;
    if (!output) return;
    this.output = undefined;
    await new Promise<void>((resolve) => output.end(resolve));
    if (this.outputError) {
      await rm(this.temporaryPath(), { force: true });
      return;
    }
    moveIntoPlace(this.temporaryPath(), join(this.folder, CACHE_FILE));
  }

  /** Drops the half-written next cache (the build failed); the current one stays. */
  async abandonWriting(): Promise<void> {
    const output = this.output;
    if (!output) return;
    this.output = undefined;
    await new Promise<void>((resolve) => output.end(resolve));
    await rm(this.temporaryPath(), { force: true });
  }

  private temporaryPath(): string {
    return temporaryPathFor(join(this.folder, CACHE_FILE));
  }
}
