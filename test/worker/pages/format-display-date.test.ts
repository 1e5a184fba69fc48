import { describe, expect, it } from "vitest";
import { formatDisplayDate } from "../../../src/worker/pages/format-display-date";

// Runs in workerd, so it checks the runtime's own ICU data, which the pages use.
describe("formatDisplayDate", () => {
  it.each([
    { instant: "2021-06-11T04:19:02Z", timeZone: "Asia/Shanghai", language: "zh-CN", shown: "2021年6月11日 12:19" },
    // The eight-hour shift crosses midnight and the year.
    { instant: "2020-12-31T16:30:00Z", timeZone: "Asia/Shanghai", language: "zh-CN", shown: "2021年1月1日 00:30" },
    { instant: "2021-06-11T04:19:02Z", timeZone: "UTC", language: "zh-CN", shown: "2021年6月11日 04:19" },
    { instant: "2021-06-11T04:19:02Z", timeZone: "America/New_York", language: "en-US", shown: "June 11, 2021 at 12:19 AM" },
  ])("shows $instant in $timeZone for $language as $shown", ({ instant, timeZone, language, shown }) => {
    expect(formatDisplayDate(instant, timeZone, language)).toBe(shown);
  });

  it("falls back to English for a malformed language tag", () => {
    expect(formatDisplayDate("2021-06-11T04:19:02Z", "UTC", "not a tag!")).toBe("June 11, 2021 at 4:19 AM");
  });

  it("shows an unreadable date as it is", () => {
    expect(formatDisplayDate("yesterday", "UTC", "zh-CN")).toBe("yesterday");
  });
});
