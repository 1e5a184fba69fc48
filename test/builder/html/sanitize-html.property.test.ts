import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeHtml } from "../../../src/builder/html/sanitize-html";
import { findActiveContent } from "./find-active-content";
import { htmlish } from "./htmlish-input";

/** The nesting errors of sanitized output read as XML (empty when every tag is closed in order). */
function nestingErrors(html: string): string[] {
  const errors: string[] = [];
  const open: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z][a-z0-9]*)((?:\s[a-z-]+="[^"<>]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#x338);)/g)) {
    if (match[2] === undefined) {
      errors.push(`a stray ${match[0]}`);
    } else if (match[1] === "/") {
      if (open.pop() !== match[2]) errors.push(`</${match[2]}> closes nothing open`);
    } else if (match[4] !== "/") {
      open.push(match[2]);
    }
  }
  if (open.length > 0) errors.push(`unclosed ${open.join(", ")}`);
  return errors;
}

describe("sanitizeHtml on arbitrary HTML-ish input", () => {
  it("never leaves active content or characters XML forbids", () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        expect(findActiveContent(sanitizeHtml(input))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("always gives well-formed output: every tag closed in order, every & and < escaped", () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        expect(nestingErrors(sanitizeHtml(input))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it("is idempotent: sanitizing its own output re-parses to the same bytes", () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        const once = sanitizeHtml(input);
        expect(sanitizeHtml(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
