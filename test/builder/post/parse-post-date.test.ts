import { describe, expect, it } from "vitest";
import { parsePostDate } from "../../../src/builder/post/parse-post-date";

describe("parsePostDate", () => {
  it.each([
    // RFC 2822, as the seed writes it
    ["Fri, 11 Jun 2021 04:19:02 GMT", "2021-06-11T04:19:02Z"],
    ["11 Jun 2021 12:19:02 +0800", "2021-06-11T04:19:02Z"],
    ["Fri, 11 Jun 2021 00:19:02 EDT", "2021-06-11T04:19:02Z"],
    ["Fri, 11 Jun 2021 04:19 UT", "2021-06-11T04:19:00Z"],
    ["Fri, 11 Jun 2021 12:19:02", "2021-06-11T04:19:02Z"],
    ["Fri, 11 Jun 2021 12:19:02 +0800 (CST)", "2021-06-11T04:19:02Z"],
    ["2021-06-11 12:19:02 +0800", "2021-06-11T04:19:02Z"],
    ["2021-06-11T04:19:02.123456789Z", "2021-06-11T04:19:02Z"],
    // ISO 8601 with an offset
    ["2021-06-11T04:19:02Z", "2021-06-11T04:19:02Z"],
    ["2021-06-11T12:19:02+08:00", "2021-06-11T04:19:02Z"],
    ["2021-06-11T12:19:02+0800", "2021-06-11T04:19:02Z"],
    ["2021-06-11T12:19:02+08", "2021-06-11T04:19:02Z"],
    ["2021-06-10T23:19:02-05:00", "2021-06-11T04:19:02Z"],
    // no offset: Beijing time, eight hours ahead of UTC (the classic eight-hour bug reads these as UTC)
    ["2021-06-11T12:19:02", "2021-06-11T04:19:02Z"],
    ["2021-06-11 12:19:02", "2021-06-11T04:19:02Z"],
    ["2021-06-11 12:19:02.750", "2021-06-11T04:19:02Z"],
    ["2021/06/11 12:19", "2021-06-11T04:19:00Z"],
    ["2021/6/1 08:00", "2021-06-01T00:00:00Z"],
    ["2021-06-11", "2021-06-10T16:00:00Z"],
    ["2021-01-01 00:30:00", "2020-12-31T16:30:00Z"],
    ["  2021-06-11 12:19:02  ", "2021-06-11T04:19:02Z"],
  ])("reads %j in Asia/Shanghai as %s", (text, expected) => {
    expect(parsePostDate(text, "Asia/Shanghai")).toBe(expected);
  });

  it.each([
    ["2021-07-01 12:00:00", "2021-07-01T16:00:00Z"], // EDT, UTC-4
    ["2021-01-15 12:00:00", "2021-01-15T17:00:00Z"], // EST, UTC-5
    ["2021-03-14 02:30:00", "2021-03-14T07:30:00Z"], // skipped by spring-forward: read with the offset before it
    ["2021-11-07 01:30:00", "2021-11-07T05:30:00Z"], // happens twice: the earlier one (EDT)
    ["2021-07-01T12:00:00Z", "2021-07-01T12:00:00Z"], // an explicit offset ignores the site zone
  ])("reads %j in America/New_York as %s, following daylight saving time", (text, expected) => {
    expect(parsePostDate(text, "America/New_York")).toBe(expected);
  });

  it("reads offset-less dates as UTC when the site's zone is UTC", () => {
    expect(parsePostDate("2021-06-11 12:19:02", "UTC")).toBe("2021-06-11T12:19:02Z");
  });

  it("treats a Date object as the instant it holds", () => {
    expect(parsePostDate(new Date(Date.UTC(2021, 5, 11, 4, 19, 2)), "Asia/Shanghai")).toBe("2021-06-11T04:19:02Z");
  });

  it.each([
    ["foo"],
    [""],
    ["2021-02-30"],
    ["2021-13-01 10:00"],
    ["2021-06-11 25:00:00"],
    ["2021-06-11 12:60"],
    ["2021-06/11"],
    ["Fri, 11 Foo 2021 04:19:02 GMT"],
    ["11 Jun 2021 04:19:02 XYZ"],
    [20210611],
    [true],
    [null],
    [["2021-06-11"]],
  ])("refuses %j", (value) => {
    expect(parsePostDate(value, "Asia/Shanghai")).toBeUndefined();
  });
});
