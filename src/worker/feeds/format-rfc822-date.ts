import { digitsAt, isNormalizedUtcDate } from "./is-normalized-utc-date";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`), any year. */
function daysFromCivil(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Formats an RFC 3339 timestamp as an RFC 822 date (RSS 2.0 `pubDate`, OPML `dateCreated`), e.g.
 * `Fri, 11 Jun 2021 04:19:02 GMT`; throws naming the value when it is not a date.
 */
export function formatRfc822Date(rfc3339: string): string {
  if (isNormalizedUtcDate(rfc3339)) {
    // The stored shape: the fields are the input's own digits, only the weekday is computed (1970-01-01 was a
    // Thursday); the same text toUTCString gives, without its cost (a large part of an RSS item's render).
    const year = digitsAt(rfc3339, 0, 4);
    const month = digitsAt(rfc3339, 5, 2);
    const day = digitsAt(rfc3339, 8, 2);
    const weekday = WEEKDAYS[(((daysFromCivil(year, month, day) + 4) % 7) + 7) % 7];
    return `${weekday}, ${rfc3339.slice(8, 10)} ${MONTHS[month - 1]} ${rfc3339.slice(0, 4)} ${rfc3339.slice(11, 19)} GMT`;
  }
  const time = Date.parse(rfc3339);
  if (Number.isNaN(time)) throw new Error(`not an RFC 3339 date: ${JSON.stringify(rfc3339)}`);
  // RSS 2.0 asks for RFC 822 "with the exception that the year may be expressed with two characters or
  // four characters (four preferred)"; toUTCString gives exactly `Wdy, DD Mon YYYY HH:MM:SS GMT`.
  return new Date(time).toUTCString();
}
