import { describe, expect, it } from "vitest";
import { generatePost } from "../../scripts/support/generate-post";

describe("generatePost", () => {
  it("gives the same bytes for the same index and seed", () => {
    expect(generatePost(42, 7)).toEqual(generatePost(42, 7));
  });

  it("gives different posts and file names for different indexes", () => {
    const names = new Set(Array.from({ length: 500 }, (_, index) => generatePost(index).fileName));
    expect(names.size).toBe(500);
    expect(generatePost(1).text).not.toBe(generatePost(2).text);
  });

  it("writes posts that look like the seed: front matter first after a blank line, Sina junk in the body", () => {
    const { fileName, text } = generatePost(3);
    expect(fileName).toMatch(/^000003_[0-9a-f]{16}\.txt$/);
    expect(text.startsWith("\n---\ntitle: '")).toBe(true);
    for (const junk of ["<!-- 文末二维码 start -->", "appendQr_wrap", 'cms-style="font-L"', "责任编辑：", "img_wrapper"]) {
      expect(text).toContain(junk);
    }
  });

  it("spreads posts over at least ten category nodes", () => {
    const categoryLines = new Set<string>();
    for (let index = 0; index < 200; index++) {
      for (const line of generatePost(index).text.split("\n")) if (line.startsWith(" - ")) categoryLines.add(line);
    }
    expect(categoryLines.size).toBeGreaterThanOrEqual(10);
  });
});
