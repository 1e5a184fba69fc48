import { describe, expect, it } from "vitest";
import { parseHtmlFragment } from "../../../src/builder/html/parse-html-fragment";

describe("parseHtmlFragment", () => {
  it("parses a body of 200,000 top-level nodes, which linkedom's innerHTML alone cannot", () => {
    const fragment = parseHtmlFragment("<p>段</p>\n".repeat(100_000));
    expect(fragment.childNodes.length).toBe(200_000);
    expect(fragment.parentNode).toBeNull();
  });

  it.each([
    { name: "stray end tags", html: "<p>a</p></div></p><p>b</p>", inner: "<p>a</p><p></p><p>b</p>" },
    { name: "an end tag of the wrapper itself", html: "<p>a</p></edgefeed-fragment><p>b</p>", inner: "<p>a</p><p>b</p>" },
    { name: "plain text", html: "x &amp; y", inner: "x &amp; y" },
  ])("parses $name as the plain way does", ({ html, inner }) => {
    expect(parseHtmlFragment(html).innerHTML).toBe(inner);
  });
});
