import { describe, expect, it } from "vitest";
import { lookupTable } from "../../src/model/lookup-table";

describe("lookupTable", () => {
  it("finds its own entries and nothing of Object.prototype", () => {
    const table = lookupTable({ a: 1 });
    expect(table.a).toBe(1);
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      expect(table[key]).toBeUndefined();
      expect(key in table).toBe(false);
    }
  });

  it("cannot be changed afterwards", () => {
    const table = lookupTable<number>({ a: 1 }) as Record<string, number>;
    expect(() => {
      table.b = 2;
    }).toThrow(TypeError);
  });
});
