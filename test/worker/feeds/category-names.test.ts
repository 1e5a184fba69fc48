import { describe, expect, it } from "vitest";
import { categoryNames } from "../../../src/worker/feeds/category-names";

describe("categoryNames", () => {
  it("gives every level of every hierarchy, then the tags, each once, NFC and trimmed, blank ones left out", () => {
    const decomposed = "Cafe\u0301";
    expect(categoryNames({ categories: [["金融", " 新浪财经 "], ["金融", decomposed]], tags: ["", "Café", "深圳", "  "] })).toEqual(["金融", "新浪财经", "Café", "深圳"]);
  });

  it("normalizes each name as normalizeName does however many distinct names it has met", () => {
    // More names than it keeps normalized: the ones it forgot are normalized again, never mixed up.
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < 5_000; index++) {
        const name = ` e\u0301${index} `;
        expect(categoryNames({ categories: [[name]], tags: [`${name}!`] })).toEqual([`é${index}`, `é${index} !`]);
      }
    }
  });
});
