import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodePostText } from "../../../src/builder/read/decode-post-text";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/posts/${name}`, import.meta.url)));

/** The texts the fixtures were made from (by Python's gbk, big5 and utf-16-le codecs). */
const SIMPLIFIED =
  "---\ntitle: 上海市场发展报告\ndate: 2021-06-11 12:19:02\ncategories:\n  - 金融\n  - 新浪财经\ntags: 科技\n---\n<p>上海市科技成果转化行动方案提出，到2023年技术合同成交额超过3000亿元。</p>\n";
const TRADITIONAL =
  "---\ntitle: 臺灣經濟發展報告\ndate: 2021-06-11 12:19:02\ncategories:\n  - 金融\n  - 財經新聞\ntags: 科技\n---\n<p>臺北市政府今天發表關於經濟與產業發展的報告，說明銀行與證券市場的變化。</p>\n";

/** UTF-16 bytes of BMP text, big- or little-endian, with or without a byte order mark. */
function utf16(text: string, order: "big" | "little", withMark: boolean): Uint8Array {
  const bytes: number[] = [];
  for (const code of [...(withMark ? [0xfeff] : []), ...Array.from(text, (character) => character.charCodeAt(0))]) {
    if (order === "big") bytes.push(code >> 8, code & 0xff);
    else bytes.push(code & 0xff, code >> 8);
  }
  return new Uint8Array(bytes);
}

const SEED = new Uint8Array(readFileSync(new URL("../../../seeds/000_8f6629c53df7089d.txt", import.meta.url)));

describe("decodePostText", () => {
  it.each([
    ["UTF-8", new TextEncoder().encode("标题\n正文"), "标题\n正文", "utf-8"],
    ["UTF-8 with a BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("标题")]), "标题", "utf-8"],
    ["CRLF and lone CR line endings", new TextEncoder().encode("a\r\nb\rc\n"), "a\nb\nc\n", "utf-8"],
    ["UTF-16BE with a BOM", utf16("标题\r\n正文", "big", true), "标题\n正文", "utf-16be"],
    ["UTF-16LE without a BOM", utf16("---\ntitle: 标题\n", "little", false), "---\ntitle: 标题\n", "utf-16le"],
    ["UTF-16BE without a BOM", utf16("---\ntitle: 标题\n", "big", false), "---\ntitle: 标题\n", "utf-16be"],
  ])("reads %s", (_name, bytes, text, encoding) => {
    expect(decodePostText(bytes)).toEqual({ ok: true, text, encoding });
  });

  it.each([
    ["gbk-post.txt", SIMPLIFIED, "gb18030"],
    ["big5-post.txt", TRADITIONAL, "big5"],
    ["utf16le-bom-post.txt", SIMPLIFIED, "utf-16le"],
  ])("reads the real %s bytes without mojibake", (name, text, encoding) => {
    expect(decodePostText(fixture(name))).toEqual({ ok: true, text, encoding });
  });

  it("reads the whole seed re-encoded as GB18030 exactly as the UTF-8 original", () => {
    expect(decodePostText(fixture("seed-gb18030.txt"))).toEqual({ ok: true, text: new TextDecoder().decode(SEED), encoding: "gb18030" });
  });

  it("reports UTF-8 with a stray byte, and its line, rather than reading it as GB18030", () => {
    const lines = new TextDecoder().decode(SEED).split("\n");
    const bytes = new Uint8Array([...new TextEncoder().encode(lines.slice(0, 19).join("\n") + "\n"), 0xb1, ...new TextEncoder().encode(lines.slice(19).join("\n"))]);
    expect(decodePostText(bytes)).toEqual({ ok: false, line: 20, reason: expect.stringMatching(/^is UTF-8 with 1 invalid byte sequence \(the first on line 20\)/) });
  });

  it("reports UTF-8 cut off in the middle of a character", () => {
    // Cut just after a lead byte, inside a three-byte character.
    const cut = SEED.findIndex((byte, index) => index > 3000 && byte >= 0xe0 && byte <= 0xef) + 1;
    expect(decodePostText(SEED.subarray(0, cut))).toMatchObject({ ok: false, reason: expect.stringMatching(/^is UTF-8 with 1 invalid/) });
  });

  it.each([
    ["Windows-1252 text that no CJK encoding accepts", new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x72, 0xe9, 0x73])],
    ["bytes that both CJK encodings accept but neither reads as Chinese", new Uint8Array([0xe9, 0xe9, 0xe9, 0xe9])],
    ["a UTF-8 BOM over invalid UTF-8", new Uint8Array([0xef, 0xbb, 0xbf, 0xff])],
  ])("refuses %s instead of guessing", (_name, bytes) => {
    const result = decodePostText(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/UTF-8/);
  });
});
