/** Shows an RFC 3339 instant as a reader in the site's time zone and language would write it (`2021年6月11日 12:19`). */
export function formatDisplayDate(rfc3339: string, timeZone: string, language: string): string {
  const time = Date.parse(rfc3339);
  if (Number.isNaN(time)) return rfc3339;
  let locale = language;
  try {
    new Intl.DateTimeFormat(locale);
  } catch {
    // A malformed SITE_LANGUAGE must not break a page; the date is still right in English.
    locale = "en";
  }
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: "long", timeStyle: "short" }).format(time);
}
