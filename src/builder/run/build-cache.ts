import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, statSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { crc32 } from "node:zlib";
import type { ArticleSettings } from "../article/build-article";
import { BatchedFileWriter } from "./batched-file-writer";
import { PackedLines } from "./packed-lines";
import { type CacheEntry, type CacheHeader, canonical, parseCacheFile, type StoredResult } from "./parse-cache-file";
import { hashBytes } from "../plan/hash-parts";
import { lineOf, type PostResult } from "./post-result";
import { identityAt, PreviousArticles } from "./previous-articles";
import { moveIntoPlace, removeLeftovers, temporaryPathFor } from "./replace-file";

/**
 * The cache file inside the cache folder: a header line, naming the articles file the build saved beside it
 * and that file's stat; one index line per post, `["key","stat",length,crc,result]` (length: of the article's
 * line, 0 for no article; crc: its CRC-32); and a footer line `{"entries":N,"offsets":[…]}`, where each entry's line starts in the
 * articles file (-1: not in it, as for a second post with one id). The lines themselves are only in the
 * articles file, which a build writes anyway: a cache of their copies doubled what a rebuild read and wrote
 * (31.6 MB for 10,000 generated posts, beside the 27.5 MB articles file). The index is parsed in one
 * JSON.parse (a third of the time of one parse per line), and an unchanged post's index line is copied as it is.
 */
const CACHE_FILE = "build-cache.ndjson";

/** Bump when the layout changes: a cache of another layout is ignored whole. */
const LAYOUT = 4;

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
  /** Stats a post file or the articles file (default fs.statSync with bigint times); tests hand in one whose times they choose. */
  statFile?: (path: string) => StatFields;
}

/**
 * Build results of earlier runs, keyed by a hash of each post's path and bytes, valid only for the
 * builder version and site settings they were made with. A post whose key is found is not built again,
 * and its article's line is copied from the previous articles file as it is, never parsed. Like git's index,
 * each entry keeps the file's stat (size, mtime, ctime, inode): a file whose stat is unchanged is not even
 * read, unless it changed at or after the time the cache began to be written (git's "racy" files), which is
 * read and hashed as any other. The articles file is trusted the same way, by its stat; one with another stat
 * (restored from a backup, say) keeps each line whose bytes are the ones recorded, and a missing one leaves the
 * whole cache unused. Anything unreadable
 * (another version, a torn or edited cache file, a line that does not parse) is ignored too, so the cache can
 * make a build faster but never different. The next cache is written once the build saved its articles file.
 */
export class BuildCache {
  private readonly header: Omit<CacheHeader, "since" | "articles">;
  /** The next cache's temporary file and its `since`, from startWriting to finishWriting. */
  private output: { fd: number; since: bigint } | undefined;
  /** The next cache's index lines, in the order of `files`; packed, not a buffer each (see PackedLines). */
  private index = new PackedLines();
  /** The post file of each index line, so finishWriting can look up where its article was saved. */
  private files: string[] = [];
  private readonly checked = new Map<string, { stat?: FileStat; key?: string }>();
  hits = 0;
  misses = 0;
  /** Hits the stat alone vouched for: files not read at all. */
  unread = 0;

  private constructor(
    private readonly folder: string,
    header: Omit<CacheHeader, "since" | "articles">,
    /** The articles file the build saves, as an absolute path: where the next cache's lines will be. */
    private readonly articles: string,
    private readonly previous: Buffer,
    private readonly byKey: Map<string, CacheEntry>,
    private readonly byFile: Map<string, CacheEntry>,
    /** The previous cache's `since`: stats of files changed before it are trusted. */
    private readonly trustedBefore: bigint,
    private readonly statFile: (path: string) => StatFields,
    /** The previous build's articles file, where the previous cache's lines are. */
    private readonly source: PreviousArticles | undefined,
  ) {
    this.header = header;
  }

  /**
   * Opens the cache in `folder` for this builder and these settings, whose builds save their articles to
   * `articles`; empty when missing or unusable, or when that file is not as the cache left it.
   */
  static async open(folder: string, builder: string, settings: ArticleSettings, articles: string, options: BuildCacheOptions = {}): Promise<BuildCache> {
    const header = { format: "edgefeed build cache" as const, layout: LAYOUT, builder, settings: canonical(settings) as ArticleSettings };
    const statFile = options.statFile ?? ((path: string) => statSync(path, { bigint: true }));
    const articlesPath = resolve(articles);
    const empty = new BuildCache(folder, header, articlesPath, Buffer.alloc(0), new Map(), new Map(), 0n, statFile, undefined);
    let bytes: Buffer;
    try {
      bytes = await readFile(join(folder, CACHE_FILE));
    } catch {
      return empty;
    }
    const parsed = parseCacheFile(bytes, header);
    if (parsed === undefined || parsed.articles.path !== articlesPath) return empty;
    const source = PreviousArticles.open(articlesPath);
    if (source === undefined) return empty;
    // The articles file as the cache left it, by its stat, or else line by line: one restored from a backup or
    // CI's cache has another inode and times, and keeps each line whose bytes are the ones recorded.
    if (statOf(articlesPath, statFile)?.text !== parsed.articles.stat && !keepLinesWhole(parsed.entries, source)) {
      source.close();
      return empty;
    }
    const byFile = new Map<string, CacheEntry>();
    for (const entry of parsed.entries.values()) byFile.set(entry.result.file, entry);
    return new BuildCache(folder, header, articlesPath, bytes, parsed.entries, byFile, parsed.since, statFile, source);
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
    const usable = entry !== undefined && (entry.lineLength === 0 || entry.offset >= 0);
    const key = stat !== undefined && usable && entry.stat === stat.text && stat.changedNs < this.trustedBefore ? entry.key : undefined;
    const checked = { ...(stat === undefined ? {} : { stat }), ...(key === undefined ? {} : { key }) };
    this.checked.set(path, checked);
    return checked;
  }

  /** Whether a result for this key may be cached (`get` still checks that its line is in the previous articles file). */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /**
   * The cached result for a post, its article's line where the previous articles file holds it; undefined
   * when there is none, or its line is not in that file.
   */
  get(key: string, path: string): PostResult | undefined {
    const entry = this.byKey.get(key);
    if (!entry || entry.result.file !== path) return undefined;
    const { meta, hash, ...result } = entry.result;
    if (meta === undefined || hash === undefined) return entry.lineLength === 0 ? result : undefined;
    const source = this.source;
    if (source === undefined || entry.offset < 0 || entry.offset + entry.lineLength >= source.size) return undefined;
    return { ...result, article: { meta, hash, cached: { source, offset: entry.offset, length: entry.lineLength } } };
  }

  /**
   * Starts the next cache beside the current one; entries go in as the build produces them, and the file is
   * written by finishWriting. Its `since` is read from the file system here, so call this before any post
   * file is stat'ed or read.
   */
  async startWriting(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    removeLeftovers(join(this.folder, CACHE_FILE));
    const fd = openSync(this.temporaryPath(), "w");
    this.output = { fd, since: fstatSync(fd, { bigint: true }).mtimeNs };
    this.index = new PackedLines();
    this.files = [];
  }

  /** Records one post's result, as built now from the bytes `stat` was taken before reading, in the next cache. */
  record(key: string, stat: FileStat | undefined, result: PostResult): void {
    if (!this.output) return;
    const { article, ...rest } = result;
    // A draft is never published, whatever its article: kept without it, it gives the same build.
    const line = article === undefined || result.draft ? undefined : lineOf(article);
    const stored: StoredResult = article === undefined || line === undefined ? rest : { ...rest, meta: article.meta, hash: article.hash };
    this.index.push(`${JSON.stringify([key, stat?.text ?? "", line?.length ?? 0, crc32(line ?? EMPTY), stored])}\n`);
    this.files.push(result.file);
  }

  /** Records a post's cached result, as it was read, in the next cache (with the file's stat now, when it changed). */
  keep(key: string, stat: FileStat | undefined): void {
    const entry = this.byKey.get(key);
    if (!entry || !this.output) return;
    if (stat === undefined || stat.text !== entry.stat) this.index.push(`${JSON.stringify([key, stat?.text ?? "", entry.lineLength, entry.crc, entry.result])}\n`);
    else this.index.keep(this.previous.subarray(entry.indexStart, entry.indexEnd));
    this.files.push(entry.result.file);
  }

  /**
   * Writes the next cache from what was recorded, once the build saved its articles file: `saved` gives where
   * each post's article starts in it, by post file, and `written` the identity of the file the build left there
   * (fileIdentity). Replaces the cache in one rename, so a crash leaves the old cache or the new; a path that
   * names another file by now (another build saved there since) leaves the old cache, which checks each line
   * of a file whose stat it did not record. Closes the previous articles file.
   */
  async finishWriting(saved: ReadonlyMap<string, number>, written: string | undefined): Promise<void> {
    this.source?.close();
    const output = this.output;
    if (!output) return;
    this.output = undefined;
    const articlesStat = written !== undefined && identityAt(this.articles) === written ? statOf(this.articles, this.statFile) : undefined;
    const writer = new BatchedFileWriter(output.fd);
    if (articlesStat !== undefined) {
      const header: CacheHeader = { ...this.header, since: String(output.since), articles: { path: this.articles, stat: articlesStat.text } };
      writer.write(Buffer.from(`${JSON.stringify(header)}\n`));
      for (const bytes of this.index.buffers()) writer.write(bytes);
      const offsets = this.files.map((file) => saved.get(file) ?? -1);
      writer.write(Buffer.from(`${JSON.stringify({ entries: this.index.count, offsets })}\n`));
    }
    this.index = new PackedLines();
    this.files = [];
    if (!(await writer.close()) || articlesStat === undefined) {
      await rm(this.temporaryPath(), { force: true });
      return;
    }
    moveIntoPlace(this.temporaryPath(), join(this.folder, CACHE_FILE));
  }

  /** Drops the next cache (the build failed, saved nothing, or goes on elsewhere); the current one stays. */
  async abandonWriting(): Promise<void> {
    this.source?.close();
    const output = this.output;
    if (!output) return;
    this.output = undefined;
    closeSync(output.fd);
    await rm(this.temporaryPath(), { force: true });
  }

  private temporaryPath(): string {
    return temporaryPathFor(join(this.folder, CACHE_FILE));
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Checks every entry's line against the articles file read whole, marking those whose bytes differ as not in
 * it (offset -1), as though the cache had never vouched for them; false when the file cannot be read. A line's
 * CRC-32 is checked first, then the SHA-256 its article's hash is, so another file's line that happens to share
 * a CRC is never taken for it.
 */
function keepLinesWhole(entries: Map<string, CacheEntry>, source: PreviousArticles): boolean {
  let bytes: Buffer;
  try {
    bytes = source.read(0, source.size);
  } catch {
    return false;
  }
  for (const entry of entries.values()) {
    if (entry.offset < 0 || entry.lineLength === 0) continue;
    const end = entry.offset + entry.lineLength;
    const line = bytes.subarray(entry.offset, end);
    if (end >= bytes.length || bytes[end] !== 0x0a || crc32(line) !== entry.crc || hashBytes(line) !== entry.result.hash) entry.offset = -1;
  }
  return true;
}

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
