import { isNormalizedUtcDate } from "./is-normalized-utc-date";

/**
 * Normalizes an RFC 3339 timestamp to UTC with a `Z` and no zero milliseconds (Atom and JSON Feed dates),
 * e.g. `2021-06-11T04:19:02Z`; throws naming the value when it is not a date.
 */
export function formatRfc3339Date(rfc3339: string): string {
  // Stored dates are normalized already, and a Date round trip (toISOString above all) was a fifth of a
  // render: such a date is its own normal form.
  if (isNormalizedUtcDate(rfc3339)) return rfc3339;
  const time = Date.parse(rfc3339);
  if (Number.isNaN(time)) throw new Error(`not an RFC 3339 date: ${JSON.stringify(rfc3339)}`);
  // RFC 3339 §5.6 date-time; toISOString always writes milliseconds, which are noise when they are zero.
  return new Date(time).toISOString().replace(".000Z", "Z");
}
