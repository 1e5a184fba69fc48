import type { ArticleSettings } from "../article/build-article";
import type { PostResult } from "./post-result";

/** What the header line says; a cache written under another format, builder or settings is ignored whole. */
export interface CacheHeader {
  format: "edgefeed build cache";
  layout: number;
  builder: string;
  settings: ArticleSettings;
  /**
   * When this cache began to be written, in nanoseconds of the file system's clock (its temporary file's
   * mtime at creation): a file changed at or after it may have changed after it was read (see BuildCache.check).
   */
  since: string;
  /**
   * The articles file the build saved beside this cache, in which every entry's article line is (at the
   * footer's `offsets`): its path and its stat then (statOf). A file whose stat differs has each line checked.
   */
  articles: { path: string; stat: string };
}

/** One post's entry: what it holds, where its article's line is in the articles file, and where its index line is in the cache file. */
export interface CacheEntry {
  key: string;
  /** The post file's size, mtime, ctime and inode when it was read (statOf). */
  stat: string;
  /** Where the article's line is in the articles file, without its newline (-1: not in it); its length (0: no article). */
  offset: number;
  lineLength: number;
  /** CRC-32 of the line: checked when the articles file's stat is not the one the cache recorded. */
  crc: number;
  result: StoredResult;
  /** Its index line, with its newline. */
  indexStart: number;
  indexEnd: number;
}

/** A PostResult as the index keeps it: the article's metadata and hash, its line apart. */
export type StoredResult = Omit<PostResult, "article"> & { meta?: NonNullable<PostResult["article"]>["meta"]; hash?: string };

/**
 * The entries of a build cache file (see BuildCache) written under `header`, by key, with its `since` and the
 * articles file it names; undefined when the header differs or the file is torn or malformed anywhere (then
 * nothing in it is trusted).
 */
export function parseCacheFile(
  bytes: Buffer,
  header: Omit<CacheHeader, "since" | "articles">,
): { entries: Map<string, CacheEntry>; since: bigint; articles: CacheHeader["articles"] } | undefined {
  const headerEnd = bytes.indexOf(10);
  // The footer is the last line; a file that does not end in one is a torn write.
  if (headerEnd < 0 || bytes.length < 2 || bytes[bytes.length - 1] !== 10) return undefined;
  const footerStart = bytes.lastIndexOf(10, bytes.length - 2) + 1;
  if (footerStart <= headerEnd) return undefined;
  let since: bigint;
  let articles: CacheHeader["articles"];
  let rows: unknown[];
  let offsets: unknown[];
  try {
    const written = JSON.parse(bytes.toString("utf8", 0, headerEnd)) as Partial<CacheHeader>;
    const { since: writtenSince, articles: writtenArticles, ...rest } = written;
    if (JSON.stringify(canonical(rest)) !== JSON.stringify(canonical(header)) || typeof writtenSince !== "string" || !/^\d+$/.test(writtenSince)) return undefined;
    if (typeof writtenArticles?.path !== "string" || typeof writtenArticles.stat !== "string") return undefined;
    since = BigInt(writtenSince);
    articles = { path: writtenArticles.path, stat: writtenArticles.stat };
    const footer = JSON.parse(bytes.toString("utf8", footerStart, bytes.length - 1)) as { entries?: unknown; offsets?: unknown };
    if (typeof footer.entries !== "number" || !Array.isArray(footer.offsets) || footer.offsets.length !== footer.entries) return undefined;
    offsets = footer.offsets;
    // Index lines hold no raw newline (JSON escapes them): joined with commas they are one JSON array.
    const text = bytes.toString("utf8", headerEnd + 1, footerStart);
    rows = footer.entries === 0 ? [] : (JSON.parse(`[${text.slice(0, -1).replaceAll("\n", ",")}]`) as unknown[]);
    if (rows.length !== footer.entries) return undefined;
  } catch {
    return undefined;
  }
  const entries = new Map<string, CacheEntry>();
  let indexStart = headerEnd + 1;
  for (let position = 0; position < rows.length; position++) {
    const row = rows[position];
    const offset = offsets[position];
    if (!Array.isArray(row) || row.length !== 5) return undefined;
    const [key, stat, length, crc, result] = row as [unknown, unknown, unknown, unknown, StoredResult];
    if (typeof key !== "string" || !/^[0-9a-f]{32}$/.test(key) || typeof stat !== "string") return undefined;
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || typeof offset !== "number" || !Number.isInteger(offset) || offset < -1 || typeof crc !== "number") return undefined;
    if (typeof result !== "object" || result === null || typeof result.file !== "string" || !Array.isArray(result.problems)) return undefined;
    if ((result.meta === undefined) !== (length === 0) || (result.meta !== undefined && (typeof result.meta.id !== "string" || typeof result.hash !== "string"))) return undefined;
    const indexEnd = bytes.indexOf(10, indexStart) + 1;
    entries.set(key, { key, stat, offset, lineLength: length, crc, result, indexStart, indexEnd });
    indexStart = indexEnd;
  }
  // The index lines fill the part between the header and the footer exactly.
  if (indexStart !== footerStart) return undefined;
  return { entries, since, articles };
}

/** `value` with every object's keys sorted and undefined members left out: the same settings give the same header. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}
