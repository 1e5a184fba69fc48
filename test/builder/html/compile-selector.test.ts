import { describe, expect, it } from "vitest";
import { compileSelector } from "../../../src/builder/html/compile-selector";
import type { HtmlElement } from "../../../src/builder/html/html-node";
import { parseHtmlFragment } from "../../../src/builder/html/parse-html-fragment";

function element(html: string): HtmlElement {
  const found = parseHtmlFragment(html).firstChild;
  if (found === null) throw new Error("no element");
  return found as HtmlElement;
}

describe("compileSelector", () => {
  const cases: { selector: string; html: string; expected: boolean }[] = [
    { selector: "p", html: "<p>x</p>", expected: true },
    { selector: "p", html: "<div>x</div>", expected: false },
    { selector: ".appendQr_wrap", html: '<div class="clearfix appendQr_wrap">x</div>', expected: true },
    { selector: ".appendQr_wrap", html: '<div class="appendQr_wrapper">x</div>', expected: false },
    { selector: "div.a.b", html: '<div class="b  a">x</div>', expected: true },
    { selector: "div.a.b", html: '<div class="a">x</div>', expected: false },
    { selector: "#left_hzh_ad", html: '<div id="left_hzh_ad">x</div>', expected: true },
    { selector: 'font[cms-style="strong-Bold"]', html: '<font cms-style="strong-Bold">x</font>', expected: true },
    { selector: 'font[cms-style="strong-Bold"]', html: '<font cms-style="font-L">x</font>', expected: false },
    { selector: "[data-x]", html: '<span data-x="">x</span>', expected: true },
    { selector: ".article-editor, p", html: "<p>x</p>", expected: true },
    { selector: ".article-editor, p", html: '<span class="article-editor">x</span>', expected: true },
    { selector: "", html: "<p>x</p>", expected: false },
  ];
  for (const { selector, html, expected } of cases) {
    it(`${expected ? "matches" : "does not match"} ${html} with ${JSON.stringify(selector)}`, () => {
      expect(compileSelector(selector)(element(html))).toBe(expected);
    });
  }

  it("refuses combinators with a clear error", () => {
    expect(() => compileSelector("div > p")).toThrow(/unsupported selector "div > p"/);
  });
});
