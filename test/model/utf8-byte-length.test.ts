import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8ByteLength } from "../../src/model/utf8-byte-length";

describe("utf8ByteLength", () => {
  it.each([
    { text: "", bytes: 0 },
    { text: "abc", bytes: 3 },
    { text: "é", bytes: 2 },
    { text: "金融", bytes: 6 },
    { text: "😀", bytes: 4 },
    { text: "a\uD83Db", bytes: 5 },
  ])("counts $text as $bytes bytes", ({ text, bytes }) => {
    expect(utf8ByteLength(text)).toBe(bytes);
  });

  it("counts what TextEncoder writes, for any string, lone surrogates included", () => {
    const encoder = new TextEncoder();
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => utf8ByteLength(text) === encoder.encode(text).length), { numRuns: 2000 });
  });
});
