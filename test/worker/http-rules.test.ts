import { describe, expect, it } from "vitest";
import { isNotModified } from "../../src/worker/http/conditional-request";
import { formatHttpDate, parseHttpDate } from "../../src/worker/http/http-date";

const JUNE_11 = Date.UTC(2021, 5, 11, 4, 19, 2);

describe("parseHttpDate", () => {
  it.each([
    { form: "IMF-fixdate", text: "Fri, 11 Jun 2021 04:19:02 GMT", expected: JUNE_11 },
    { form: "RFC 850", text: "Friday, 11-Jun-21 04:19:02 GMT", expected: JUNE_11 },
    { form: "asctime", text: "Fri Jun 11 04:19:02 2021", expected: JUNE_11 },
    { form: "asctime with a one-digit day", text: "Tue Jun  1 00:45:00 2021", expected: Date.UTC(2021, 5, 1, 0, 45) },
    { form: "RFC 850 in the last century", text: "Sunday, 06-Nov-94 08:49:37 GMT", expected: Date.UTC(1994, 10, 6, 8, 49, 37) },
    { form: "surrounding whitespace", text: "  Fri, 11 Jun 2021 04:19:02 GMT ", expected: JUNE_11 },
  ])("reads the $form form", ({ text, expected }) => {
    expect(parseHttpDate(text)).toBe(expected);
  });

  it.each([
    "",
    "yesterday",
    "2021-06-11T04:19:02Z",
    "Fri, 11 Jun 2021 04:19:02 +0000",
    "Fri, 11 Jun 2021 04:19:02",
    "fri, 11 jun 2021 04:19:02 GMT",
    "Fri, 31 Feb 2021 04:19:02 GMT",
    "Fri, 11 Jun 2021 25:19:02 GMT",
    "Fri, 11 Jun 2021 04:19:02 GMT, Fri, 11 Jun 2021 04:19:02 GMT",
  ])("refuses %j", (text) => {
    expect(parseHttpDate(text)).toBeUndefined();
  });

  it("formats an RFC 3339 instant as an IMF-fixdate that parses back to the same instant", () => {
    const text = formatHttpDate("2021-06-11T12:19:02+08:00")!;
    expect(text).toBe("Fri, 11 Jun 2021 04:19:02 GMT");
    expect(parseHttpDate(text)).toBe(JUNE_11);
  });
});

describe("isNotModified", () => {
  const validators = { etag: '"abc"', lastModified: "Fri, 11 Jun 2021 04:19:02 GMT" };
  const cases: { name: string; headers: Record<string, string>; expected: boolean }[] = [
    { name: "no validators", headers: {}, expected: false },
    { name: "the same tag", headers: { "If-None-Match": '"abc"' }, expected: true },
    { name: "the same tag, weak", headers: { "If-None-Match": 'W/"abc"' }, expected: true },
    { name: "a list with the tag last", headers: { "If-None-Match": '"x", "y" ,W/"abc"' }, expected: true },
    { name: "*", headers: { "If-None-Match": " * " }, expected: true },
    { name: "a tag that only contains ours", headers: { "If-None-Match": '"abcd"' }, expected: false },
    { name: "a differing tag and a matching date", headers: { "If-None-Match": '"x"', "If-Modified-Since": validators.lastModified }, expected: false },
    { name: "junk If-None-Match and a matching date", headers: { "If-None-Match": ",,,", "If-Modified-Since": validators.lastModified }, expected: true },
    { name: "a later date", headers: { "If-Modified-Since": "Sat, 12 Jun 2021 00:00:00 GMT" }, expected: true },
    { name: "an earlier date", headers: { "If-Modified-Since": "Fri, 11 Jun 2021 04:19:01 GMT" }, expected: false },
    { name: "an unparseable date", headers: { "If-Modified-Since": "Fri, 11 Jun 2021" }, expected: false },
  ];

  it.each(cases)("is $expected for $name", ({ headers, expected }) => {
    expect(isNotModified(new Headers(headers), validators)).toBe(expected);
  });

  it("ignores If-Modified-Since when Last-Modified is unknown", () => {
    expect(isNotModified(new Headers({ "If-Modified-Since": "Sat, 12 Jun 2021 00:00:00 GMT" }), { etag: '"abc"' })).toBe(false);
  });
});
