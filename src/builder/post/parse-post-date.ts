import { formatRfc3339 } from "../../model/format-rfc3339";
import { wallTimeToUtc, type WallTime } from "./wall-time-to-utc";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** RFC 2822 §3.3 zones, including the obsolete US names (§4.3) that real feeds still write. */
const NAMED_ZONES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0,
  est: -5 * 60, edt: -4 * 60, cst: -6 * 60, cdt: -5 * 60, mst: -7 * 60, mdt: -6 * 60, pst: -8 * 60, pdt: -7 * 60,
};

/** RFC 2822: `[Fri, ]11 Jun 2021 04:19[:02] [GMT|+0800]` (zone optional here: without one it is site time). */
const RFC_2822 =
  /^(?:[a-z]{3},?\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{4}|[a-z]{1,3}))?$/i;

/**
 * ISO 8601 / RFC 3339 and the Hexo forms: `2021-06-11`, `2021-06-11T12:19:02+08:00`, `2021-06-11 12:19:02`,
 * `2021/06/11 12:19`, with optional fraction and offset (`Z`, `+08`, `+0800`, `+08:00`). The date separator
 * must be the same twice.
 */
const ISO_LIKE =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** The offset in minutes written as `+08`, `+0800` or `+08:00`, or `Z`. */
function offsetMinutes(text: string): number {
  if (text.toUpperCase() === "Z") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}

/** True when the fields name a real calendar date and clock time (no 31 June, no 25:00). */
function isValidWallTime(wall: WallTime): boolean {
  // Date.UTC reads years 0-99 as 1900-1999 (ECMA-262 MakeFullYear), so `0000-01-01` became 1900; a year
  // before 1000 in a scraped news post is a typo, and refusing it beats publishing another date.
  if (wall.year < 1000) return false;
  if (wall.month < 1 || wall.month > 12 || wall.day < 1) return false;
  const daysInMonth = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate();
  return wall.day <= daysInMonth && wall.hour <= 23 && wall.minute <= 59 && wall.second <= 59;
}

/** The instant in milliseconds: with an offset when one was written, else in the site's zone. */
function toInstant(wall: WallTime, offset: number | undefined, timeZone: string): number | undefined {
  if (!isValidWallTime(wall)) return undefined;
  if (offset === undefined) return wallTimeToUtc(wall, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  return wallAsUtc - offset * 60_000;
}

/** Reads an RFC 2822 date, or undefined when `text` is not one. */
function readRfc2822(text: string, timeZone: string): number | undefined {
  const match = RFC_2822.exec(text);
  if (match === null) return undefined;
  const [, day, monthName, year, hour, minute, second, zone] = match;
  const month = MONTHS.indexOf((monthName ?? "").toLowerCase()) + 1;
  if (month === 0) return undefined;
  let offset: number | undefined;
  if (zone !== undefined) {
    offset = /^[+-]/.test(zone) ? offsetMinutes(zone) : NAMED_ZONES[zone.toLowerCase()];
    if (offset === undefined) return undefined; // an unknown zone name: refuse rather than guess
  }
  const wall = { year: Number(year), month, day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second ?? 0), millisecond: 0 };
  return toInstant(wall, offset, timeZone);
}

/** Reads an ISO 8601 or Hexo-style date, or undefined when `text` is not one. */
function readIsoLike(text: string, timeZone: string): number | undefined {
  const match = ISO_LIKE.exec(text);
  if (match === null) return undefined;
  const [, year, , month, day, hour, minute, second, fraction, zone] = match;
  const wall = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? "0").padEnd(3, "0").slice(0, 3)),
  };
  return toInstant(wall, zone === undefined ? undefined : offsetMinutes(zone), timeZone);
}

/** An instant as the builder stores it: RFC 3339 in UTC to the second (`2021-06-11T04:19:02Z`), fractions dropped. */
function formatStoredDate(milliseconds: number): string {
  // Stored dates are to the second: the Worker writes a date of that shape without a Date round trip.
  return formatRfc3339(milliseconds - (((milliseconds % 1000) + 1000) % 1000));
}

/**
 * Reads a front-matter date the way Hexo users write it (RFC 2822, ISO 8601 with or without offset or time,
 * `YYYY-MM-DD HH:mm:ss`, `YYYY/MM/DD HH:mm`) and returns it as RFC 3339 UTC, or undefined when it cannot.
 * A date without an offset is wall time in `timeZone` (an IANA zone, DST-aware), not UTC.
 */
export function parsePostDate(value: unknown, timeZone: string): string | undefined {
  // Only a caller's own YAML engine makes Date objects (ours keeps timestamps as text); they are instants.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : formatStoredDate(value.getTime());
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  // RFC 2822 §3.2.3 allows a trailing comment, which mailers and feeds write as `+0800 (CST)`.
  const instant = readIsoLike(text, timeZone) ?? readRfc2822(text.replace(/\s*\([^()]*\)$/, ""), timeZone);
  if (instant === undefined || Number.isNaN(instant)) return undefined;
  return formatStoredDate(instant);
}
