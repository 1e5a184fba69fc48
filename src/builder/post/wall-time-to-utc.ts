/** A calendar date and clock time with no offset, as written in a post. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One cached formatter per zone: building an Intl.DateTimeFormat is the slow part. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `format()`'s en-US text of the fields formatterFor asks for: `1/2/2021, 11:28:06`. */
const FORMATTED_FIELDS = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/** The zone's offset from UTC in milliseconds at the instant `utcMilliseconds` (DST-aware, from the ICU data). */
export function timeZoneOffsetAt(utcMilliseconds: number, timeZone: string): number {
  const formatter = formatterFor(timeZone);
  // format() gives the same fields as formatToParts in about a third of its time (no array of part objects),
  // and this runs three times for every date without an offset; formatToParts stays for any other shape.
  const fields = FORMATTED_FIELDS.exec(formatter.format(utcMilliseconds));
  let wallAsUtc: number;
  if (fields !== null) {
    wallAsUtc = Date.UTC(Number(fields[3]), Number(fields[1]) - 1, Number(fields[2]), Number(fields[4]), Number(fields[5]), Number(fields[6]));
  } else {
    const parts: Record<string, number> = {};
    for (const part of formatter.formatToParts(new Date(utcMilliseconds))) {
      if (part.type !== "literal") parts[part.type] = Number(part.value);
    }
    wallAsUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  }
  const wholeSeconds = utcMilliseconds - (((utcMilliseconds % 1000) + 1000) % 1000);
  return wallAsUtc - wholeSeconds;
}

/**
 * The UTC instant (milliseconds) at which clocks in `timeZone` show `wall`.
 * A time skipped by a DST change is read with the offset in force before the change (so 02:30 on a
 * spring-forward night becomes 03:30 local); a time that happens twice is read as the earlier one.
 */
export function wallTimeToUtc(wall: WallTime, timeZone: string): number {
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  // The offset a few hours either side of the wall time covers both offsets around any transition.
  const offsetBefore = timeZoneOffsetAt(wallAsUtc - 12 * 3_600_000, timeZone);
  const offsetAfter = timeZoneOffsetAt(wallAsUtc + 12 * 3_600_000, timeZone);
  // Nearly always the two offsets are the same, and so is the one candidate: checked once.
  const offsets = offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter];
  const candidates = offsets.map((offset) => wallAsUtc - offset).filter(
    (candidate) => candidate + timeZoneOffsetAt(candidate, timeZone) === wallAsUtc,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // No instant shows this wall time (a spring-forward gap): use the offset from before the change.
  return wallAsUtc - offsetBefore;
}
