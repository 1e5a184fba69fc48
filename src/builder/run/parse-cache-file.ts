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
}

/** One post's entry: what it holds, and where its bytes are in the cache file. */
export interface CacheEntry {
  key: string;
  /** The post file's size, mtime, ctime and inode when it was read (statOf). */
  stat: string;
  /** The article's line, without its newline (empty when the post has no article). */
  lineStart: number;
  lineLength: number;
  crc: number;
  result: StoredResult;
  /** Its index line, with its newline. */
  indexStart: number;
  indexEnd: number;
}

/** A PostResult as the index keeps it: the article's metadata and hash, its line apart. */
export type StoredResult = Omit<PostResult, "article"> & { meta?: NonNullable<PostResult["article"]>["meta"]; hash?: string };

/**
 * The entries of a build cache file (see BuildCache) written under `header`, by key, and its `since`;
 * undefined when the header differs or the file is torn or malformed anywhere (then nothing in it is trusted).
 */
export function parseCacheFile(bytes: Buffer, header: Omit<CacheHeader, "since">): { entries: Map<string, CacheEntry>; since: bigint } | undefined {
  const headerEnd = bytes.indexOf(10);
  // The footer is the last line; a file that does not end in one is a torn write.
  if (headerEnd < 0 || bytes.length < 2 || bytes[bytes.length - 1] !== 10) return undefined;
  const footerStart = bytes.lastIndexOf(10, bytes.length - 2) + 1;
  let since: bigint;
  let rows: unknown[];
  let indexAt: number;
  try {
    const written = JSON.parse(bytes.toString("utf8", 0, headerEnd)) as Partial<CacheHeader>;
    const { since: writtenSince, ...rest } = written;
    if (JSON.stringify(canonical(rest)) !== JSON.stringify(canonical(header)) || typeof writtenSince !== "string" || !/^\d+$/.test(writtenSince)) return undefined;
    since = BigInt(writtenSince);
    const footer = JSON.parse(bytes.toString("utf8", footerStart, bytes.length - 1)) as { entries?: unknown; index?: unknown };
    if (typeof footer.entries !== "number" || typeof footer.index !== "number" || footer.index <= headerEnd || footer.index > footerStart) return undefined;
    indexAt = footer.index;
    // Index lines hold no raw newline (JSON escapes them): joined with commas they are one JSON array.
    const text = bytes.toString("utf8", indexAt, footerStart);
    rows = footer.entries === 0 ? [] : (JSON.parse(`[${text.slice(0, -1).replaceAll("\n", ",")}]`) as unknown[]);
    if (rows.length !== footer.entries) return undefined;
  } catch {
    return undefined;
  }
  const entries = new Map<string, CacheEntry>();
  let lineStart = headerEnd + 1;
  let indexStart = indexAt;
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== 5) return undefined;
    const [key, stat, length, crc, result] = row as [unknown, unknown, unknown, unknown, StoredResult];
    if (typeof key !== "string" || !/^[0-9a-f]{32}$/.test(key) || typeof stat !== "string") return undefined;
    if (typeof length !== "number" || !Number.isInteger(length) || length < 0 || typeof crc !== "number") return undefined;
    if (typeof result !== "object" || result === null || typeof result.file !== "string" || !Array.isArray(result.problems)) return undefined;
    if ((result.meta === undefined) !== (length === 0) || (result.meta !== undefined && (typeof result.meta.id !== "string" || typeof result.hash !== "string"))) return undefined;
    const indexEnd = bytes.indexOf(10, indexStart) + 1;
    if (length > 0 && (lineStart + length >= indexAt || bytes[lineStart + length] !== 10)) return undefined;
    entries.set(key, { key, stat, lineStart, lineLength: length, crc, result, indexStart, indexEnd });
    if (length > 0) lineStart += length + 1;
    indexStart = indexEnd;
  }
  // The article lines fill the part before the index exactly, and the index lines the part before the footer.
  if (lineStart !== indexAt || indexStart !== footerStart) return undefined;
  return { entries, since };
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
