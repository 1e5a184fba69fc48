import { describe, expect, it } from "vitest";
import type { PostFileResult } from "../../../src/builder/run/build-post-file";
import { packResults, unpackResults } from "../../../src/builder/run/pack-results";

/** A result with an article whose line is `text`'s UTF-8 bytes. */
function built(path: string, text: string): PostFileResult {
  const meta = { id: path, published: "2021-06-11T04:19:02Z", updated: "2021-06-11T04:19:02Z", categories: [], tags: [] };
  return { path, key: `key of ${path}`, result: { file: path, problems: [], article: { meta, hash: `hash of ${path}`, line: Buffer.from(text) } } };
}

describe("packResults", () => {
  it("gives back every result, each article with its own line's bytes, after crossing as a structured clone with the lines moved", () => {
    const results: PostFileResult[] = [
      built("a.md", '{"id":"a","title":"人民币 ☃ 𠀋"}'),
      { path: "draft.md", key: "key of draft.md", result: { file: "draft.md", problems: [], draft: true } },
      { path: "gone.md", readError: "ENOENT: no such file" },
      built("b.md", '{"id":"b"}'),
      built("c.md", ""),
    ];
    const packed = packResults(results);
    const crossed = structuredClone(packed, { transfer: [packed.lines] });
    expect(packed.lines.byteLength).toBe(0); // moved, not copied
    const unpacked = unpackResults(crossed.results, crossed.lines);
    expect(unpacked).toEqual(results);
    expect(unpacked.map((result) => result.result?.article?.line.toString())).toEqual(['{"id":"a","title":"人民币 ☃ 𠀋"}', undefined, undefined, '{"id":"b"}', ""]);
  });

  it("leaves no bytes of a line in the results themselves, only in the buffer moved with them", () => {
    const packed = packResults([built("a.md", "x".repeat(10_000))]);
    expect(JSON.stringify(packed.results).length).toBeLessThan(500);
    expect(packed.lines.byteLength).toBe(10_000);
  });
});
