import { createHash } from "node:crypto";
import { fstatSync, openSync, statSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import type { ArticleSettings } from "../article/build-article";
import { BatchedFileWriter } from "./batched-file-writer";
import { PackedLines } from "./packed-lines";
import { type CacheEntry, type CacheHeader, canonical, parseCacheFile, type StoredResult } from "./parse-cache-file";
import type { PostResult } from "./post-result";
import { moveIntoPlace, removeLeftovers, temporaryPathFor } from "./replace-file";

/**
 * The cache file inside the cache folder: a header line; the articles' JSON lines; one index line per post,
 * `["key","stat",length,crc,result]` in the order of the article lines (length 0: no article, no line); and a
 * footer line `{"entries":N,"index":OFFSET}`. The index is parsed in one JSON.parse (a third of the time of
 * one parse per line), and an unchanged post's index line and article line are copied as they are.
 */
const CACHE_FILE = "build-cache.ndjson";

/** Bump when the layout changes: a cache of another layout is ignored whole. */
const LAYOUT = 3;

const KEY_LENGTH = 32;

/** A post file's stat, as the cache compares it. */
export interface FileStat {
  text: string;
  changedNs: bigint;
}

/** What the cache keeps of a file's stat (fs.statSync's, with bigint times). */
export type StatFields = { size: bigint | number; mtimeNs: bigint; ctimeNs: bigint; ino: bigint | number };

/** Options of BuildCache.open. */
export interface BuildCacheOptions {
  /** Stats a post file (default fs.statSync with bigint times); tests hand in one whose times they choose. */
  statFile?: (path: string) => StatFields;
}

/**
 * Build results of earlier runs, keyed by a hash of each post's path and bytes, valid only for the
 * builder version and site settings they were made with. A post whose key is found is not built again,
 * and its article's line is copied as it is, never parsed. Like git's index, each entry keeps the file's
 * stat (size, mtime, ctime, inode): a file whose stat is unchanged is not even read, unless it changed at
 * or after the time the cache began to be written (git's "racy" files), which is read and hashed as any
 * other. Anything unreadable (another version, a torn or edited file, a line that does not parse, an
 * article whose bytes fail their CRC) is ignored, so the cache can make a build faster but never different.
 */
export class BuildCache {
  private readonly header: Omit<CacheHeader, "since">;
  private output: BatchedFileWriter | undefined;
  /** The next cache's index lines, written after its articles; packed, not a buffer each (see PackedLines). */
  private index = new PackedLines();
  private written = 0;
  private readonly checked = new Map<string, { stat?: FileStat; key?: string }>();
  hits = 0;
  misses = 0;
  /** Hits the stat alone vouched for: files not read at all. */
  unread = 0;

  private constructor(
    private readonly folder: string,
    header: Omit<CacheHeader, "since">,
    private readonly previous: Buffer,
    private readonly byKey: Map<string, CacheEntry>,
    private readonly byFile: Map<string, CacheEntry>,
    /** The previous cache's `since`: stats of files changed before it are trusted. */
    private readonly trustedBefore: bigint,
    private readonly statFile: (path: string) => StatFields,
  ) {
    this.header = header;
  }

  /** Opens the cache in `folder` for this builder and these settings (empty when missing or unusable). */
  static async open(folder: string, builder: string, settings: ArticleSettings, options: BuildCacheOptions = {}): Promise<BuildCache> {
    const header = { format: "edgefeed build cache" as const, layout: LAYOUT, builder, settings: canonical(settings) as ArticleSettings };
    const statFile = options.statFile ?? ((path: string) => statSync(path, { bigint: true }));
    const empty = new BuildCache(folder, header, Buffer.alloc(0), new Map(), new Map(), 0n, statFile);
    let bytes: Buffer;
    try {
      bytes = await readFile(join(folder, CACHE_FILE));
    } catch {
      return empty;
    }
    const parsed = parseCacheFile(bytes, header);
    if (parsed === undefined) return empty;
    const byFile = new Map<string, CacheEntry>();
    for (const entry of parsed.entries.values()) byFile.set(entry.result.file, entry);
    return new BuildCache(folder, header, bytes, parsed.entries, byFile, parsed.since, statFile);
  }

  /** The key of one post: its path (the article id and every problem name it) and its bytes. */
  static keyOf(path: string, bytes: Uint8Array): string {
    return createHash("sha256").update(path).update("\0").update(bytes).digest("hex").slice(0, KEY_LENGTH);
  }

  /** Whether the cache holds any entry at all (a first build's has none, so its files need no stat). */
  get empty(): boolean {
    return this.byKey.size === 0;
  }

  /**
   * Stats `path` and says the key its bytes had when it was last read, when the stat vouches for it: the
   * same size, mtime, ctime and inode, and changed before the previous cache began to be written. Undefined
   * when the file must be read (and its stat, to record with the entry). Asked once per path and run.
   */
  check(path: string): { stat?: FileStat; key?: string } {
    const known = this.checked.get(path);
    if (known) return known;
    const stat = statOf(path, this.statFile);
    const entry = this.byFile.get(path);
    const key = stat !== undefined && entry !== undefined && entry.stat === stat.text && stat.changedNs < this.trustedBefore ? entry.key : undefined;
    const checked = { ...(stat === undefined ? {} : { stat }), ...(key === undefined ? {} : { key }) };
    this.checked.set(path, checked);
    return checked;
  }

  /** Whether a result for this key may be cached (`get` still checks that it reads back whole). */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The cached result for a post, its article's line a view of the cache's bytes; undefined when there is none or it does not read back whole. */
  get(key: string, path: string): PostResult | undefined {
    const entry = this.byKey.get(key);
    if (!entry || entry.result.file !== path) return undefined;
    const line = this.previous.subarray(entry.lineStart, entry.lineStart + entry.lineLength);
    if (crc32(line) !== entry.crc) return undefined;
    const { meta, hash, ...result } = entry.result;
    if (meta === undefined || hash === undefined) return entry.lineLength === 0 ? result : undefined;
    return { ...result, article: { meta, hash, line, cached: true } };
  }

  /**
   * Starts writing the next cache beside the current one; entries go in as the build produces them. Its
   * `since` is read from the file system here, so call this before any post file is stat'ed or read.
   */
  async startWriting(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    removeLeftovers(join(this.folder, CACHE_FILE));
    const fd = openSync(this.temporaryPath(), "w");
    const since = fstatSync(fd, { bigint: true }).mtimeNs;
    this.output = new BatchedFileWriter(fd);
    this.index = new PackedLines();
    this.written = 0;
    this.writeLine(Buffer.from(JSON.stringify({ ...this.header, since: String(since) } satisfies CacheHeader)));
  }

  /** Records one post's result, as built now from the bytes `stat` was taken before reading, in the next cache. */
  record(key: string, stat: FileStat | undefined, result: PostResult): void {
    if (!this.output) return;
    const { article, ...rest } = result;
    const line = article?.line;
    const stored: StoredResult = article === undefined ? rest : { ...rest, meta: article.meta, hash: article.hash };
    this.writeEntry(key, stat?.text ?? "", line, stored);
  }

  /** Records a post's cached result, as it was read, in the next cache (with the file's stat now, when it changed). */
  keep(key: string, stat: FileStat | undefined): void {
    const entry = this.byKey.get(key);
    if (!entry || !this.output) return;
    const line = this.previous.subarray(entry.lineStart, entry.lineStart + entry.lineLength);
    if (stat === undefined || stat.text !== entry.stat) {
      this.writeEntry(key, stat?.text ?? "", line, entry.result, entry.crc);
      return;
    }
    this.writeLine(line);
    this.index.keep(this.previous.subarray(entry.indexStart, entry.indexEnd));
  }

  /**
   * A promise that the writes recorded so far are few enough in memory, so a big build never queues its whole
   * cache there; undefined when they are already (see BatchedFileWriter.drained).
   */
  drained(): Promise<void> | undefined {
    return this.output?.drained();
  }

  /** Replaces the cache with what was recorded, in one rename, so a crash leaves the old cache or the new. */
  async finishWriting(): Promise<void> {
    const output = this.output;
    if (!output) return;
    this.output = undefined;
    const indexAt = this.written;
    for (const bytes of this.index.buffers()) output.write(bytes);
    output.write(Buffer.from(`${JSON.stringify({ entries: this.index.count, index: indexAt })}\n`));
    this.index = new PackedLines();
    if (!(await output.close())) {
      await rm(this.temporaryPath(), { force: true });
      return;
    }
    moveIntoPlace(this.temporaryPath(), join(this.folder, CACHE_FILE));
  }

  /** Drops the half-written next cache (the build failed, or goes on elsewhere); the current one stays. */
  async abandonWriting(): Promise<void> {
    const output = this.output;
    if (!output) return;
    this.output = undefined;
    await output.close();
    await rm(this.temporaryPath(), { force: true });
  }

  private writeEntry(key: string, stat: string, line: Buffer | undefined, result: StoredResult, crc?: number): void {
    const length = line?.length ?? 0;
    if (line !== undefined && length > 0) this.writeLine(line);
    this.index.push(`${JSON.stringify([key, stat, length, crc ?? crc32(line ?? EMPTY), result])}\n`);
  }

  /** Writes one line of the articles' part (or the header) with its newline. */
  private writeLine(line: Buffer): void {
    if (line.length === 0) return;
    this.output!.write(line);
    this.output!.write(NEWLINE);
    this.written += line.length + 1;
  }

  private temporaryPath(): string {
    return temporaryPathFor(join(this.folder, CACHE_FILE));
  }
}

const NEWLINE = Buffer.from("\n");
const EMPTY = Buffer.alloc(0);

/** The stat a cache entry keeps of its file, or undefined when it cannot be stat'ed (reading it then reports why). */
function statOf(path: string, statFile: (path: string) => StatFields): FileStat | undefined {
  let stat: StatFields;
  try {
    stat = statFile(path);
  } catch {
    return undefined;
  }
  // ctime too: it moves on every change, even one that sets mtime back (`touch -d`, `cp -p`, an unpacked archive).
  const changedNs = stat.ctimeNs > stat.mtimeNs ? stat.ctimeNs : stat.mtimeNs;
  return { text: `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${stat.ino}`, changedNs };
}
