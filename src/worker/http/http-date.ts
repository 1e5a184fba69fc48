// RFC 9110 §5.6.7: IMF-fixdate is preferred; recipients must also accept the obsolete RFC 850 and asctime forms.
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d{2}:\\d{2}:\\d{2})";
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** Formats an RFC 3339 instant as an IMF-fixdate (`Fri, 11 Jun 2021 04:19:02 GMT`), or undefined when it is not one. */
export function formatHttpDate(rfc3339: string): string | undefined {
  const time = Date.parse(rfc3339);
  return Number.isNaN(time) ? undefined : new Date(time).toUTCString();
}

/**
 * Parses an HTTP-date in any of the three forms RFC 9110 names into milliseconds, or undefined when it is
 * none or names a day that does not exist (`31 Feb`). Dates are UTC in every form.
 */
export function parseHttpDate(text: string): number | undefined {
  const trimmed = text.trim();
  let parts: { day: string; month: string; year: string; time: string } | undefined;
  let match = IMF_FIXDATE.exec(trimmed);
  if (match) parts = { day: match[1]!, month: match[2]!, year: match[3]!, time: match[4]! };
  match = parts ? null : RFC_850.exec(trimmed);
  if (match) {
    // RFC 9110 reads a two-digit year relative to the clock; a fixed pivot keeps this pure and is right
    // for every date a feed can carry (the format was obsolete before 2000).
    const shortYear = Number(match[3]);
    parts = { day: match[1]!, month: match[2]!, year: String(shortYear >= 70 ? 1900 + shortYear : 2000 + shortYear), time: match[4]! };
  }
  match = parts ? null : ASCTIME.exec(trimmed);
  if (match) parts = { day: match[2]!.trim().padStart(2, "0"), month: match[1]!, year: match[4]!, time: match[3]! };
  if (!parts) return undefined;
  const canonical = `${parts.day} ${parts.month} ${parts.year} ${parts.time} GMT`;
  const time = Date.parse(`Thu, ${canonical}`);
  // Date.parse rolls 31 Feb over into March; a date that does not format back to itself does not exist.
  if (Number.isNaN(time) || new Date(time).toUTCString().slice(5) !== canonical) return undefined;
  return time;
}
