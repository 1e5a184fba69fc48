import { describe, expect, it } from "vitest";
import { escapeXml } from "../../../src/worker/feeds/escape-xml";
import { parseXmlStrictly } from "./parse-xml-strictly";

describe("escapeXml", () => {
  it.each([
    { input: "plain 文本", expected: "plain 文本" },
    { input: "R&D", expected: "R&amp;D" },
    { input: "<b>", expected: "&lt;b&gt;" },
    { input: `say "hi" it's`, expected: "say &quot;hi&quot; it&#39;s" },
    { input: "a]]>b", expected: "a]]&gt;b" },
    { input: "line\r\nbreak\ttab", expected: "line&#13;\nbreak\ttab" },
    { input: "bell\u0007 nul\u0000 esc\u001b", expected: "bell nul esc" },
    { input: "lone \uD800 surrogate \uDFFF", expected: "lone  surrogate " },
    { input: "non-characters \uFFFE\uFFFF", expected: "non-characters " },
    { input: "emoji 🚀 astral 𠀀", expected: "emoji 🚀 astral 𠀀" },
  ])("escapes $input as $expected", ({ input, expected }) => {
    expect(escapeXml(input)).toBe(expected);
  });

  it("gives text that parses back to the input without forbidden characters, in an element and an attribute", () => {
    const input = `<a href="x?a=1&b='2'">]]>\r\n\u0001</a> 🚀`;
    const parsed = parseXmlStrictly(`<root value="${escapeXml(input)}">${escapeXml(input)}</root>`);
    expect(parsed.text).toBe(input.replace("\u0001", ""));
    // A conforming parser turns a literal newline in an attribute into a space (XML 1.0 §3.3.3); sax does not.
    expect(parsed.attributes.value!.replace("\n", " ")).toBe(input.replace("\u0001", "").replace("\n", " "));
  });
});
