import { describe, expect, it } from "vitest";
import { cleanXmlText } from "../../src/model/clean-xml-text";
import { removeInvalidXmlCharacters } from "../../src/model/remove-invalid-xml-characters";

describe("cleanXmlText", () => {
  it.each([
    { name: "clean CJK text", input: "金融 新浪财经", text: "金融 新浪财经", removed: false },
    { name: "C0 controls", input: "a\u0000b\u001Fc", text: "abc", removed: true },
    { name: "DEL and C1 controls, which XML discourages", input: "a\u007Fb\u0085c\u009Fd", text: "abcd", removed: true },
    { name: "U+FFFD, text a decoder already lost", input: "a\uFFFDb", text: "ab", removed: true },
    { name: "lone surrogates beside a pair", input: "\uD83D😀\uDE80", text: "😀", removed: true },
    { name: "decomposed text, normalized to NFC", input: "e\u0301", text: "\u00E9", removed: false },
  ])("cleans $name", ({ input, text, removed }) => {
    expect(cleanXmlText(input)).toEqual({ text, removed });
  });

  it("removes everything removeInvalidXmlCharacters removes", () => {
    for (let code = 0; code <= 0xffff; code++) {
      const character = String.fromCharCode(code);
      if (removeInvalidXmlCharacters(character) === "") expect(cleanXmlText(character).text).toBe("");
    }
  });
});
