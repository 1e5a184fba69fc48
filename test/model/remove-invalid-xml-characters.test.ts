import { describe, expect, it } from "vitest";
import { removeInvalidXmlCharacters } from "../../src/model/remove-invalid-xml-characters";

describe("removeInvalidXmlCharacters", () => {
  it.each([
    { name: "plain CJK text", input: "金融 新浪财经", expected: "金融 新浪财经" },
    { name: "tab, line feed and carriage return", input: "a\tb\nc\rd", expected: "a\tb\nc\rd" },
    { name: "C0 controls", input: "a\u0000b\u0008c\u000Bd\u000Ce\u001Ff", expected: "abcdef" },
    { name: "U+FFFE and U+FFFF", input: "a\uFFFEb\uFFFFc\uFFFDd", expected: "abc\uFFFDd" },
    { name: "a lone high surrogate", input: "a\uD83Db", expected: "ab" },
    { name: "a lone low surrogate", input: "a\uDE80b", expected: "ab" },
    { name: "surrogate pairs beside lone ones", input: "\uDE80🚀\uD83D😀\uD83D", expected: "🚀😀" },
    { name: "private use and astral characters", input: "\uE000𠀀\u{10FFFD}", expected: "\uE000𠀀\u{10FFFD}" },
  ])("keeps what XML allows and drops the rest in $name", ({ input, expected }) => {
    expect(removeInvalidXmlCharacters(input)).toBe(expected);
  });
});
