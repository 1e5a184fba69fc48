import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressStoredValue } from "../../../src/builder/plan/compress-stored-value";
import { decodeStoredValue } from "../../../src/worker/store/decode-stored-value";

const json = JSON.stringify({ kind: "head", items: Array.from({ length: 40 }, (_, index) => ({ id: `a${index}`, contentHtml: `<p>第 ${index} 段 😀 "引号"</p>`.repeat(20) })) });

describe("compressStoredValue", () => {
  it("gives gzip bytes the Worker decodes back to the same JSON, several times smaller", async () => {
    const stored = compressStoredValue(json);
    expect([...stored.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(stored.byteLength * 3).toBeLessThan(Buffer.byteLength(json));
    expect(await decodeStoredValue(stored)).toBe(json);
    // As KV hands it to the Worker: an ArrayBuffer of exactly the value's bytes.
    const copy = new Uint8Array(stored.byteLength);
    copy.set(stored);
    expect(await decodeStoredValue(copy.buffer)).toBe(json);
  });

  it("compresses UTF-8 bytes as it compresses the same text", () => {
    expect(Buffer.from(compressStoredValue(Buffer.from(json, "utf8")))).toEqual(Buffer.from(compressStoredValue(json)));
  });

  it("leaves JSON as it is for the Worker, which reads uncompressed values too, as text or bytes", async () => {
    expect(await decodeStoredValue('{"kind":"head"}')).toBe('{"kind":"head"}');
    expect(await decodeStoredValue(new TextEncoder().encode('{"kind":"head","name":"页"}'))).toBe('{"kind":"head","name":"页"}');
  });

  it("still reads the base64 text of gzip that publishes before this layout stored", async () => {
    const base64 = gzipSync(Buffer.from(json, "utf8"), { level: 1 }).toString("base64");
    expect(base64.startsWith("H4sI")).toBe(true);
    expect(await decodeStoredValue(new TextEncoder().encode(base64))).toBe(json);
  });

  it("makes the same bytes every time, so a rerun writes what it wrote before", () => {
    expect(Buffer.from(compressStoredValue("{}"))).toEqual(Buffer.from(compressStoredValue("{}")));
  });
});
