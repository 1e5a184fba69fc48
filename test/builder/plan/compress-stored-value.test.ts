import { describe, expect, it } from "vitest";
import { compressStoredValue } from "../../../src/builder/plan/compress-stored-value";
import { decodeStoredValue } from "../../../src/worker/store/decode-stored-value";

describe("compressStoredValue", () => {
  it("gives text the Worker decodes back to the same JSON, several times smaller", async () => {
    const json = JSON.stringify({ kind: "head", items: Array.from({ length: 40 }, (_, index) => ({ id: `a${index}`, contentHtml: `<p>第 ${index} 段 😀 "引号"</p>`.repeat(20) })) });
    const stored = await compressStoredValue(json);
    expect(stored).toMatch(/^H4sI[A-Za-z0-9+/]+=*$/);
    expect(stored.length * 3).toBeLessThan(Buffer.byteLength(json));
    expect(await decodeStoredValue(stored)).toBe(json);
  });

  it("leaves JSON as it is for the Worker, which reads uncompressed values too", async () => {
    expect(await decodeStoredValue('{"kind":"head"}')).toBe('{"kind":"head"}');
  });

  it("makes the same bytes every time, so a rerun writes what it wrote before", async () => {
    expect(await compressStoredValue("{}")).toBe(await compressStoredValue("{}"));
  });
});
