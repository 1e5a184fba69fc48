import type { PostFileResult } from "./build-post-file";
import type { ArticleLine, BuiltPostResult } from "./post-result";

/** A PostFileResult as it crosses to the main thread: its article's line is the next `length` bytes of the batch's `lines`. */
export type PackedFileResult = Omit<PostFileResult, "result"> & {
  result?: Omit<BuiltPostResult, "article"> & { article?: Omit<ArticleLine, "line"> & { length: number } };
};

/**
 * The results of a batch with their articles' lines copied end to end into one buffer: moved to the main
 * thread, a batch's lines cost no copy there and no string for it to collect, where each line cloned as a
 * string was copied twice and encoded to UTF-8 again on the main thread.
 */
export function packResults(results: readonly PostFileResult[]): { results: PackedFileResult[]; lines: ArrayBuffer } {
  let total = 0;
  for (const { result } of results) total += result?.article?.line.length ?? 0;
  const lines = new ArrayBuffer(total);
  const bytes = new Uint8Array(lines);
  let at = 0;
  const packed = results.map((fileResult): PackedFileResult => {
    const article = fileResult.result?.article;
    if (article === undefined) return fileResult as PackedFileResult;
    bytes.set(article.line, at);
    at += article.line.length;
    const { line, ...rest } = article;
    return { ...fileResult, result: { ...fileResult.result!, article: { ...rest, length: line.length } } };
  });
  return { results: packed, lines };
}

/** The results packResults packed, each article's line a view of `lines` (no copy). */
export function unpackResults(results: readonly PackedFileResult[], lines: ArrayBuffer): PostFileResult[] {
  let at = 0;
  return results.map((fileResult): PostFileResult => {
    const article = fileResult.result?.article;
    if (article === undefined) return fileResult as PostFileResult;
    const { length, ...rest } = article;
    const line = Buffer.from(lines, at, length);
    at += length;
    return { ...fileResult, result: { ...fileResult.result!, article: { ...rest, line } } };
  });
}
