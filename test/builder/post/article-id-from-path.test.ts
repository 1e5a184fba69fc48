import { describe, expect, it } from "vitest";
import { articleIdFromPath } from "../../../src/builder/post/article-id-from-path";

describe("articleIdFromPath", () => {
  it.each([
    ["seeds/000_8f6629c53df7089d.txt", "8f6629c53df7089d"],
    ["posts/12_ABCDEF1234.md", "abcdef1234"],
    ["posts\\win\\007_abcdef12.txt", "abcdef12"],
    ["Hello World!.md", "hello-world"],
    ["a/b/C++ & Rust_2021.html", "c-rust-2021"],
    ["000_notahash.txt", "000-notahash"],
    ["新浪财经 报道.md", "新浪财经-报道"],
    ["cafe\u0301.md", "caf\u00e9"],
    ["no-extension", "no-extension"],
    ["archive.tar.gz", "archive-tar"],
  ])("derives %j → %j", (path, id) => {
    expect(articleIdFromPath(path)).toBe(id);
  });

  it("falls back to a short hash of the name when the stem has nothing usable", () => {
    const id = articleIdFromPath("posts/???.md");
    expect(id).toMatch(/^post-[0-9a-f]{12}$/);
    expect(articleIdFromPath("posts/???.md")).toBe(id);
    expect(articleIdFromPath("posts/!!!.md")).not.toBe(id);
  });

  it("depends on the file name only, not the folder it sits in", () => {
    expect(articleIdFromPath("a/000_8f6629c53df7089d.txt")).toBe(articleIdFromPath("b/c/000_8f6629c53df7089d.txt"));
  });
});
