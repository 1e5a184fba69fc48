import { describe, expect, it } from "vitest";
import { ARTICLE_MAX_BYTES, articleSizeProblem, kvKeyProblem, kvValueSizeProblem } from "../../src/model/kv-limits";

describe("KV limits", () => {
  it.each([
    { key: "page:0123456789abcdef0123456789abcdef", problem: undefined },
    { key: "x".repeat(512), problem: undefined },
    { key: "x".repeat(513), problem: "the key is 513 bytes; KV keys are at most 512" },
    // 171 three-byte characters: 513 bytes in UTF-8 though only 171 characters long.
    { key: "键".repeat(171), problem: "the key is 513 bytes; KV keys are at most 512" },
    { key: "", problem: "a KV key cannot be empty" },
    { key: "..", problem: 'a KV key cannot be ".."' },
  ])("judges a key of $key.length characters: $problem", ({ key, problem }) => {
    expect(kvKeyProblem(key)).toBe(problem);
  });

  it("refuses a value over 25 MiB", () => {
    expect(kvValueSizeProblem(25 * 1024 * 1024)).toBeUndefined();
    expect(kvValueSizeProblem(25 * 1024 * 1024 + 1)).toBe("the value is 25.0 MiB; KV values are at most 25.0 MiB");
    expect(kvValueSizeProblem(27 * 1024 * 1024)).toBe("the value is 27.0 MiB; KV values are at most 25.0 MiB");
  });

  it("refuses an article a full head page of its size could not hold", () => {
    expect(ARTICLE_MAX_BYTES * 100).toBeLessThan(25 * 1024 * 1024);
    expect(articleSizeProblem("x".repeat(ARTICLE_MAX_BYTES))).toBeUndefined();
    expect(articleSizeProblem("x".repeat(ARTICLE_MAX_BYTES + 1))).toMatch(/^the article is 261,489 bytes as stored; at most 261,488 fit, because a feed page holds 100 articles/);
  });
});
