import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRfc3339Date } from "../../../src/worker/feeds/format-rfc3339-date";
import { formatRfc822Date } from "../../../src/worker/feeds/format-rfc822-date";
import { isNormalizedUtcDate } from "../../../src/worker/feeds/is-normalized-utc-date";

// The renderers' dates as they were before the fast path: every date through Date.parse and back.
function dateRoundTrip(text: string, format: (date: Date) => string): string {
  const time = Date.parse(text);
  if (Number.isNaN(time)) return "throws";
  return format(new Date(time));
}
const rfc3339RoundTrip = (text: string) => dateRoundTrip(text, (date) => date.toISOString().replace(".000Z", "Z"));
const rfc822RoundTrip = (text: string) => dateRoundTrip(text, (date) => date.toUTCString());

function outcome(format: (text: string) => string, text: string): string {
  try {
    return format(text);
  } catch {
    return "throws";
  }
}

const digits = (count: number, max: number) => fc.integer({ min: 0, max }).map((value) => String(value).padStart(count, "0"));

/** `YYYY-MM-DDTHH:MM:SSZ` with every field in or out of range (month 00-19, day 00-39, hour 00-29, …). */
const normalizedShape = fc
  .tuple(digits(4, 9999), digits(2, 19), digits(2, 39), digits(2, 29), digits(2, 69), digits(2, 69))
  .map(([year, month, day, hour, minute, second]) => `${year}-${month}-${day}T${hour}:${minute}:${second}Z`);

/** Dates near the edges: leap days, month ends, years before 1970 and below 100, the last second of a day. */
const edgeDates = fc
  .tuple(
    fc.constantFrom("0000", "0001", "0099", "0100", "1600", "1899", "1900", "1969", "1970", "2000", "2024", "2100", "9999"),
    fc.constantFrom("01", "02", "03", "12", "13", "00"),
    fc.constantFrom("00", "01", "28", "29", "30", "31", "32"),
    fc.constantFrom("00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60"),
  )
  .map(([year, month, day, time]) => `${year}-${month}-${day}T${time}Z`);

const otherShapes = fc.constantFrom(
  "2021-06-11T04:19:02.000Z", "2021-06-11T04:19:02.5Z", "2021-06-11T12:19:02+08:00", "2021-06-11T04:19:02z",
  "2021-06-11 04:19:02Z", "2021-06-11T04:19Z", "+002021-06-11T04:19:02Z", "2021-06-11", "", "yesterday",
);

describe("the normalized-date fast path", () => {
  it("gives the bytes a Date round trip gives, or throws where it throws, for any date of the stored shape", () => {
    fc.assert(
      fc.property(fc.oneof(normalizedShape, edgeDates, otherShapes), (text) => {
        expect(outcome(formatRfc3339Date, text)).toBe(rfc3339RoundTrip(text));
        expect(outcome(formatRfc822Date, text)).toBe(rfc822RoundTrip(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    { text: "2021-06-11T04:19:02Z", expected: true },
    { text: "2024-02-29T23:59:59Z", expected: true },
    { text: "2023-02-29T00:00:00Z", expected: false },
    { text: "1900-02-29T00:00:00Z", expected: false },
    { text: "2000-02-29T00:00:00Z", expected: true },
    { text: "2021-06-11T24:00:00Z", expected: false },
    { text: "2021-06-11T04:19:02.000Z", expected: false },
    { text: "2021-06-11T12:19:02+08:00", expected: false },
  ])("takes $text for normalized: $expected", ({ text, expected }) => {
    expect(isNormalizedUtcDate(text)).toBe(expected);
  });
});
