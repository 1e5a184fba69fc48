import { describe, expect, it } from "vitest";
import { PackedLines } from "../../../src/builder/run/packed-lines";

describe("PackedLines", () => {
  it("gives back every line pushed, text or bytes, in order, as UTF-8", () => {
    const lines = new PackedLines();
    lines.push('["a","新浪财经"]\n');
    lines.push(Buffer.from("bytes\n"));
    lines.push("");
    lines.push("x".repeat(200_000)); // longer than a slab
    lines.push("last\n");
    expect(lines.count).toBe(5);
    expect(Buffer.concat(lines.buffers()).toString()).toBe(`["a","新浪财经"]\nbytes\n${"x".repeat(200_000)}last\n`);
  });

  it("keeps views as they are, merging one that starts where the last ended, and keeps them in order with pushed lines", () => {
    const previous = Buffer.from("one\ntwo\nthree\n".repeat(1000));
    const lines = new PackedLines();
    lines.keep(previous.subarray(0, 4));
    lines.keep(previous.subarray(4, 8));
    lines.push("new\n");
    lines.keep(previous.subarray(8, 14));
    expect(lines.count).toBe(4);
    expect(Buffer.concat(lines.buffers()).toString()).toBe("one\ntwo\nnew\nthree\n");
    const [kept] = lines.buffers();
    expect(kept!.buffer).toBe(previous.buffer); // not copied
    expect(kept!.toString()).toBe("one\ntwo\n");
  });

  it("gives back nothing when nothing was pushed", () => {
    expect(new PackedLines().buffers()).toEqual([]);
  });

  it("keeps its bytes out of Node's shared pool, so short lines never keep a pooled slab (and its other buffers) alive", () => {
    const lines = new PackedLines();
    const pooledBefore = Buffer.from("pooled");
    for (let index = 0; index < 1000; index++) lines.push(`line ${index}\n`);
    const pooledAfter = Buffer.from("pooled");
    for (const bytes of lines.buffers()) {
      expect(bytes.buffer).not.toBe(pooledBefore.buffer);
      expect(bytes.buffer).not.toBe(pooledAfter.buffer);
    }
  });
});
