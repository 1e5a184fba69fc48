// RFC 9110 §5.6.7: IMF-fixdate is preferred; recipients must also accept the obsolete RFC 850 and asctime forms.
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "\\d{2}:\\d{2}:\\d{2}";
const HTTP_DATE_FORMS = [
  new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`),
  new RegExp(`^${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`),
  new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`),
];

/** Formats an RFC 3339 instant as an IMF-fixdate (`Fri, 11 Jun 2021 04:19:02 GMT`), or undefined when it is not one. */
export function formatHttpDate(rfc3339: string): string | undefined {
  const time = Date.parse(rfc3339);
  return Number.isNaN(time) ? undefined : new Date(time).toUTCString();
}

/** Parses an HTTP-date in any of the three forms RFC 9110 names into milliseconds, or undefined when it is none. */
export function parseHttpDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (!HTTP_DATE_FORMS.some((form) => form.test(trimmed))) return undefined;
  let time = Date.parse(trimmed.includes("-") ? rfc850ToFixdate(trimmed) : trimmed);
  if (Number.isNaN(time)) return undefined;
  // The asctime form carries no zone; it is UTC by definition, while Date.parse would read it as local time.
  if (!trimmed.endsWith("GMT")) time = Date.parse(`${trimmed} GMT`);
  return Number.isNaN(time) ? undefined : time;
}

/** `Sunday, 06-Nov-94 08:49:37 GMT` → `Sun, 06 Nov 1994 08:49:37 GMT`; two-digit years 70–99 are 19xx, the rest 20xx. */
function rfc850ToFixdate(text: string): string {
  const match = /^(\w{3})\w*, (\d{2})-(\w{3})-(\d{2}) (.*)$/.exec(text)!;
  const shortYear = Number(match[4]);
  // RFC 9110 reads a two-digit year relative to the clock; a fixed pivot keeps this pure and is right
  // for every date a feed can carry (the format died before 2000).
  const year = shortYear >= 70 ? 1900 + shortYear : 2000 + shortYear;
  return `${match[1]}, ${match[2]} ${match[3]} ${year} ${match[5]}`;
}
