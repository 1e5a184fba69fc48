/** What Intl said of each zone named so far: a build names one zone for thousands of posts. */
const knownTimeZones = new Map<string, boolean>();

/** Whether `timeZone` is an IANA time zone that Intl knows (`Asia/Shanghai`, `UTC`), asked once per zone. */
export function isTimeZone(timeZone: string): boolean {
  let known = knownTimeZones.get(timeZone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone });
      known = true;
    } catch {
      known = false;
    }
    knownTimeZones.set(timeZone, known);
  }
  return known;
}
