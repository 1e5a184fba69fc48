// `YYYY-MM-DDTHH:MM:SSZ`: the shape the build stores every date in (RFC 3339 UTC to the second).
const NORMALIZED_UTC_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12) of `year` in the proleptic Gregorian calendar ECMAScript dates use. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * Whether `text` is already a normalized RFC 3339 UTC date, `YYYY-MM-DDTHH:MM:SSZ`, naming a real calendar
 * day and clock time: the renderers' fast path, which writes it without a Date round trip (Date.parse rolls
 * `02-30` over into March and reads `24:00:00` as the next day, so those take the slow path and keep doing so).
 */
export function isNormalizedUtcDate(text: string): boolean {
  if (text.length !== 20 || !NORMALIZED_UTC_DATE.test(text)) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return digitsAt(text, 11, 2) <= 23 && digitsAt(text, 14, 2) <= 59 && digitsAt(text, 17, 2) <= 59;
}

/** The number written by `count` ASCII digits at `start` (checked by the pattern): no substring per field. */
export function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) value = value * 10 + text.charCodeAt(index) - 48;
  return value;
}
