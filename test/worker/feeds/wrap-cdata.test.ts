import { describe, expect, it } from "vitest";
import { wrapCdata } from "../../../src/worker/feeds/wrap-cdata";
import { parseXmlStrictly } from "./parse-xml-strictly";

describe("wrapCdata", () => {
  it.each([
    { input: "<p>R&amp;D</p>", expected: "<![CDATA[<p>R&amp;D</p>]]>" },
    { input: "a]]>b", expected: "<![CDATA[a]]]]><![CDATA[>b]]>" },
    { input: "]]>]]>", expected: "<![CDATA[]]]]><![CDATA[>]]]]><![CDATA[>]]>" },
    { input: "]]", expected: "<![CDATA[]]]]>" },
    { input: "", expected: "<![CDATA[]]>" },
    { input: "nul\u0000 lone\uD800 pair🚀", expected: "<![CDATA[nul lone pair🚀]]>" },
  ])("wraps $input as $expected", ({ input, expected }) => {
    expect(wrapCdata(input)).toBe(expected);
  });

  it.each(["]]>", "a]]>b]]]>c]]", "<![CDATA[x]]>", "]]]]>>", "🚀]]>\r\n"])("gives a section that parses back to %j", (input) => {
    expect(parseXmlStrictly(`<root>${wrapCdata(input)}</root>`).text).toBe(input);
  });
});
