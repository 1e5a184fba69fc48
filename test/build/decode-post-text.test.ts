import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodePostText } from "../../src/build/decode-post-text";

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/posts/${name}`, import.meta.url)));

/** The texts the fixtures were made from (by Python's gbk, big5 and utf-16-le codecs). */
const SIMPLIFIED =
  "---\ntitle: 上海市场发展报告\ndate: 2021-06-11 12:19:02\ncategories:\n  - 金融\n  - 新浪财经\ntags: 科技\n---\n<p>上海市科技成果转化行动方案提出，到2023年技术合同成交额超过3000亿元。</p>\n";
const TRADITIONAL =
  "---\ntitle: 臺灣經濟發展報告\ndate: 2021-06-11 12:19:02\ncategories:\n  - 金融\n  - 財經新聞\ntags: 科技\n---\n<p>臺北市政府今天發表關於經濟與產業發展的報告，說明銀行與證券市場的變化。</p>\n";

/** UTF-16BE bytes with a BOM, for BMP text. */
function utf16BigEndian(text: string): Uint8Array {
  const bytes = [0xfe, 0xff];
  for (let index = 0; index < text.length; index++) bytes.push(text.charCodeAt(index) >> 8, text.charCodeAt(index) & 0xff);
  return new Uint8Array(bytes);
}

describe("decodePostText", () => {
  it.each([
    ["UTF-8", new TextEncoder().encode("标题\n正文"), "标题\n正文", "utf-8"],
    ["UTF-8 with a BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("标题")]), "标题", "utf-8"],
    ["CRLF and lone CR line endings", new TextEncoder().encode("a\r\nb\rc\n"), "a\nb\nc\n", "utf-8"],
    ["UTF-16BE with a BOM", utf16BigEndian("标题\r\n正文"), "标题\n正文", "utf-16be"],
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
