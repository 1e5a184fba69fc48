import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeLeadingItems } from "../../../src/worker/store/decode-leading-items";

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Strings a scan of structural bytes could trip over: quotes, backslashes, brackets, CJK, control characters.
const trickyText = fc.oneof(fc.string(), fc.constantFrom('"', "\\", '\\"', "\\\\", "{", "}", "[", "]", '"items":[', "宏观 \u0000 \u2028", '}]},{"'));

describe("decodeLeadingItems", () => {
  it("gives the object with only its first items, all that came before them kept", async () => {
    const page = { kind: "head", scope: { kind: "category", path: ["宏观"] }, items: Array.from({ length: 100 }, (_, index) => ({ id: `a${index}`, contentHtml: `<p class="x">第${index}篇 "引号" \\ {}</p>`.repeat(50) })) };
    const text = await decodeLeadingItems(await gzip(JSON.stringify(page)), 20);
    expect(text.length).toBeLessThan(JSON.stringify(page).length / 4);
    expect(JSON.parse(text)).toEqual({ ...page, items: page.items.slice(0, 20) });
  });

  it("gives the whole text when the array holds fewer items than asked for, or there is none", async () => {
    const short = { kind: "head", scope: {}, items: [{ id: "a" }, { id: "b" }], after: [1, { x: "]" }] };
    expect(await decodeLeadingItems(await gzip(JSON.stringify(short)), 20)).toBe(JSON.stringify(short));
    const none = { kind: "head", scope: { items: [{ id: "nested, not the page's" }] } };
    expect(await decodeLeadingItems(await gzip(JSON.stringify(none)), 1)).toBe(JSON.stringify(none));
  });

  it("leaves out what comes after the items asked for, keys after the array included", async () => {
    const page = { items: [{ id: "a" }, { id: "b" }], kind: "head" };
    expect(JSON.parse(await decodeLeadingItems(await gzip(JSON.stringify(page)), 1))).toEqual({ items: [{ id: "a" }] });
  });

  it("fails on bytes that are not gzip", async () => {
    await expect(decodeLeadingItems(new TextEncoder().encode('{"items":[]}'), 1)).rejects.toThrow();
  });

  it("always gives the first items of any page, whatever its strings hold", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ kind: trickyText, scope: fc.dictionary(trickyText, fc.jsonValue({ maxDepth: 2 })), items: fc.array(fc.dictionary(trickyText, fc.jsonValue({ maxDepth: 3 })), { maxLength: 30 }) }),
        fc.integer({ min: 1, max: 40 }),
        async (page, count) => {
          const text = await decodeLeadingItems(await gzip(JSON.stringify(page)), count);
          // Through JSON both ways, as the page went (-0 comes back as 0).
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ ...page, items: page.items.slice(0, count) })));
        },
      ),
      { numRuns: 300 },
    );
  });
});
