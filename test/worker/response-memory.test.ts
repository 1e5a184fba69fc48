import { describe, expect, it } from "vitest";
import { createResponseMemory } from "../../src/worker/http/response-memory";

const response = (bytes: number) => ({ body: new Uint8Array(bytes).fill(120), headers: [["ETag", '"e"']] as [string, string][] });

describe("createResponseMemory", () => {
  it("gives back what was put, by key", () => {
    const memory = createResponseMemory(1000);
    memory.put("a", response(10));
    expect(memory.get("a")).toEqual(response(10));
    expect(memory.get("b")).toBeUndefined();
  });

  it("drops the least recently used bodies once the budget is passed", () => {
    const memory = createResponseMemory(800); // eight bodies of 100 bytes fit
    const keys = ["a", "b", "c", "d", "e", "f", "g", "h"];
    for (const key of keys) memory.put(key, response(100));
    memory.get("a"); // now b is the least recently used
    memory.put("i", response(100));
    expect([...keys, "i"].filter((key) => memory.get(key) === undefined)).toEqual(["b"]);
  });

  it("never keeps a body bigger than an eighth of the budget, and counts a replaced body once", () => {
    const memory = createResponseMemory(800);
    memory.put("big", response(101));
    expect(memory.get("big")).toBeUndefined();
    memory.put("a", response(100));
    for (let round = 0; round < 20; round++) memory.put("b", response(100));
    memory.put("c", response(100));
    expect(["a", "b", "c"].map((key) => memory.get(key) !== undefined)).toEqual([true, true, true]);
  });
});
