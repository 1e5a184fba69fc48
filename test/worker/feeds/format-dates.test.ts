import { describe, expect, it } from "vitest";
import { formatRfc3339Date } from "../../../src/worker/feeds/format-rfc3339-date";
import { formatRfc822Date } from "../../../src/worker/feeds/format-rfc822-date";

describe("feed dates", () => {
  it.each([
    { input: "2021-06-11T04:19:02Z", rfc822: "Fri, 11 Jun 2021 04:19:02 GMT", rfc3339: "2021-06-11T04:19:02Z" },
    { input: "2021-06-11T12:19:02+08:00", rfc822: "Fri, 11 Jun 2021 04:19:02 GMT", rfc3339: "2021-06-11T04:19:02Z" },
    { input: "2021-06-11T04:19:02.500Z", rfc822: "Fri, 11 Jun 2021 04:19:02 GMT", rfc3339: "2021-06-11T04:19:02.500Z" },
    { input: "2021-06-11T04:19:02.000Z", rfc822: "Fri, 11 Jun 2021 04:19:02 GMT", rfc3339: "2021-06-11T04:19:02Z" },
    { input: "1999-12-31T23:59:59Z", rfc822: "Fri, 31 Dec 1999 23:59:59 GMT", rfc3339: "1999-12-31T23:59:59Z" },
  ])("formats $input as RFC 822 and UTC RFC 3339", ({ input, rfc822, rfc3339 }) => {
    expect(formatRfc822Date(input)).toBe(rfc822);
    expect(formatRfc3339Date(input)).toBe(rfc3339);
  });

  it("throws naming a value that is not a date", () => {
    expect(() => formatRfc822Date("yesterday")).toThrow('"yesterday"');
    expect(() => formatRfc3339Date("")).toThrow('""');
  });
});
