import { describe, expect, it } from "vitest";
import { hashBytes, hashParts } from "../../../src/builder/plan/hash-parts";

describe("hashBytes", () => {
  it.each(["", "{\"id\":\"a\"}", "标题 😀 \"引号\" \\ é"])("gives hashParts' hash of the text whose UTF-8 bytes it is given (%j)", (text) => {
    expect(hashBytes(Buffer.from(text, "utf8"))).toBe(hashParts([text]));
    expect(hashBytes(Buffer.from(text, "utf8"))).toMatch(/^[0-9a-f]{32}$/);
  });
});
