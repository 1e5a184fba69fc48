import { describe, expect, it } from "vitest";
import { decodeStoredPage } from "../../../src/worker/store/decode-stored-page";

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const bytes = parts.map((part) => (typeof part === "string" ? new TextEncoder().encode(part) : part));
  const value = new Uint8Array(bytes.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of bytes) {
    value.set(part, offset);
    offset += part.byteLength;
  }
  return value;
}

const items = Array.from({ length: 30 }, (_, index) => ({ id: `a${index}`, contentHtml: `<p>第${index}篇 "引号" \\ {}</p>` }));
const lead = JSON.stringify({ kind: "head", items: items.slice(0, 20) });
const rest = JSON.stringify({ items: items.slice(20) });

function utf16le(text: string): Uint8Array {
  const units = Uint16Array.from(text, (character) => character.charCodeAt(0));
  return new Uint8Array(units.buffer);
}

describe("decodeStoredPage", () => {
  it("reads a format-5 head whose lead is UTF-16LE: the lead, its compressed rest, or a lead alone", async () => {
    const value = concat(utf16le(`${lead}\n`), await gzip(rest));
    expect(await decodeStoredPage(value)).toEqual({ kind: "head", items });
    expect(await decodeStoredPage(value, 20)).toEqual({ kind: "head", items: items.slice(0, 20) });
    expect(await decodeStoredPage(value, 25)).toEqual({ kind: "head", items: items.slice(0, 25) });
    expect(await decodeStoredPage(utf16le(lead))).toEqual({ kind: "head", items: items.slice(0, 20) });
    // At an odd offset of a larger buffer, as a copy of KV's bytes might be.
    const shifted = new Uint8Array(value.byteLength + 1);
    shifted.set(value, 1);
    expect(await decodeStoredPage(shifted.subarray(1), 25)).toEqual({ kind: "head", items: items.slice(0, 25) });
    // A UTF-16LE lead whose rest does not inflate is still read when the lead is enough.
    expect(await decodeStoredPage(concat(utf16le(`${lead}\n`), new Uint8Array([0x1f, 0x8b, 1, 2, 3])), 20)).toEqual({ kind: "head", items: items.slice(0, 20) });
    await expect(decodeStoredPage(utf16le(lead).subarray(0, 101))).rejects.toThrow();
  });

  it("reads a format-4 head whole: its plain lead and its compressed rest", async () => {
    expect(await decodeStoredPage(concat(lead, "\n", await gzip(rest)))).toEqual({ kind: "head", items });
  });

  it("parses only the lead when it holds the items asked for: a rest that does not inflate is never read", async () => {
    const broken = concat(lead, "\n", new Uint8Array([0x1f, 0x8b, 1, 2, 3]));
    expect(await decodeStoredPage(broken, 20)).toEqual({ kind: "head", items: items.slice(0, 20) });
    expect(await decodeStoredPage(broken, 5)).toEqual({ kind: "head", items: items.slice(0, 20) });
    await expect(decodeStoredPage(broken, 21)).rejects.toThrow();
  });

  it("adds the rest's first items when more are asked for than the lead holds", async () => {
    expect(await decodeStoredPage(concat(lead, "\n", await gzip(rest)), 25)).toEqual({ kind: "head", items: items.slice(0, 25) });
    expect(await decodeStoredPage(concat(lead, "\n", rest), 25)).toEqual({ kind: "head", items });
  });

  it("reads heads stored whole as earlier formats wrote them, compressed or plain, and a head with no rest", async () => {
    const whole = JSON.stringify({ kind: "head", items });
    expect(await decodeStoredPage(await gzip(whole))).toEqual({ kind: "head", items });
    expect(await decodeStoredPage(await gzip(whole), 25)).toEqual({ kind: "head", items: items.slice(0, 25) });
    expect(await decodeStoredPage(new TextEncoder().encode(whole), 25)).toEqual({ kind: "head", items });
    expect(await decodeStoredPage(new TextEncoder().encode(lead))).toEqual({ kind: "head", items: items.slice(0, 20) });
  });

  it("fails on a rest without items and on bytes that are not JSON", async () => {
    await expect(decodeStoredPage(concat(lead, "\n", await gzip('{"kind":"head"}')))).rejects.toThrow();
    await expect(decodeStoredPage(new TextEncoder().encode("{not json"))).rejects.toThrow();
  });
});
